package dev.colshift.planner.db;

import dev.colshift.planner.PlannerConfig;
import dev.colshift.planner.plan.Execution;
import dev.colshift.planner.plan.PlanStep;
import dev.colshift.schemas.AuditRecord;
import dev.colshift.schemas.Event;
import dev.colshift.schemas.PgErrorClass;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Runs one plan step: its statements in one transaction under {@code lock_timeout}, retried with exponential backoff
 * and jitter while the lock is busy, so the step never queues in front of the application for longer than the
 * timeout. The step's ledger row and audit row commit in the same transaction as its DDL, so a step is done exactly
 * once even if the planner dies at any point.
 */
@ApplicationScoped
public class DdlRunner {
    private static final Logger LOG = Logger.getLogger(DdlRunner.class);
    private final Pool pool;
    private final PlannerConfig config;
    private final ConcurrentStepRunner outside;

    public DdlRunner(Pool pool, PlannerConfig config, ConcurrentStepRunner outside) {
        this.pool = pool;
        this.config = config;
        this.outside = outside;
    }

    /**
     * Runs the step on {@code qualifiedTable} unless the ledger already has it; emits the number of attempts it took
     * (0 if already done).
     */
    public Uni<Integer> run(String migrationId, String qualifiedTable, PlanStep step) {
        return run(migrationId, qualifiedTable, step, List.of());
    }

    /** Runs the step as {@link #run(String, String, PlanStep)}, announcing the events given when it commits. */
    public Uni<Integer> run(String migrationId, String qualifiedTable, PlanStep step, List<Event> announce) {
        if (step.execution() == Execution.OUTSIDE_TRANSACTION) {
            return outside.run(
                    migrationId, step, (conn, attempt) -> record(conn, migrationId, step, attempt, 0, announce));
        }
        Attempts attempts = new Attempts();
        return Uni.createFrom()
                .deferred(() -> pool.withTransaction(
                        conn -> attempt(conn, migrationId, qualifiedTable, step, attempts, announce)))
                .onFailure(DdlRunner::isRetryable)
                .invoke(e -> attempts.failed(e, step))
                .onFailure(DdlRunner::isRetryable)
                .retry()
                .withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5))
                .withJitter(0.5)
                .atMost(Math.max(0, config.ddlMaxAttempts() - 1))
                .map(done -> done ? attempts.total : 0);
    }

    /** How often a step was tried, and how often it actually queued for its lock until the timeout. */
    private static final class Attempts {
        private int total;
        private int lockTimeouts;

        void failed(Throwable failure, PlanStep step) {
            if (failure instanceof PgException pg && PgErrors.classify(pg) == PgErrorClass.LOCK_BUSY) {
                lockTimeouts++;
            }
            LOG.debugf("%s: attempt %d: %s; retrying", step.id(), total, failure.getMessage());
        }
    }

    private Uni<Boolean> attempt(
            SqlConnection conn,
            String migrationId,
            String qualifiedTable,
            PlanStep step,
            Attempts attempts,
            List<Event> announce) {
        int attempt = ++attempts.total;
        return conn.preparedQuery("SELECT 1 FROM colshift.steps WHERE migration_id = $1 AND step_id = $2")
                .execute(Tuple.of(migrationId, step.id()))
                .chain(existing -> {
                    if (existing.size() > 0) {
                        return Uni.createFrom().item(false);
                    }
                    Uni<Void> chain = LongLockHolders.requireNone(
                                    conn, qualifiedTable, step.lock(), config.lockTimeout())
                            .chain(() -> conn.preparedQuery("SELECT set_config('lock_timeout', $1, true)")
                                    .execute(Tuple.of(config.lockTimeout().toMillis() + "ms")))
                            .replaceWithVoid();
                    for (String statement : step.statements()) {
                        chain = chain.chain(() -> conn.preparedQuery(statement).execute())
                                .replaceWithVoid();
                    }
                    return chain.chain(() -> record(conn, migrationId, step, attempt, attempts.lockTimeouts, announce))
                            .replaceWith(true);
                });
    }

    /**
     * The step's ledger row, its audit record (a row of colshift.audit_log and an event on colshift.audit, same event
     * id) and the events announcing it, by one statement in the transaction given.
     */
    private static Uni<Void> record(
            SqlConnection conn,
            String migrationId,
            PlanStep step,
            int attempt,
            int lockTimeouts,
            List<Event> announce) {
        AuditRecord audit = AuditRecord.of(
                migrationId,
                "planner",
                step.id(),
                "SUCCEEDED",
                String.join(";\n", step.statements()),
                null,
                "lock " + step.lock() + ", attempt " + attempt
                        + (lockTimeouts == 0 ? "" : ", " + lockTimeouts + " lock timeout(s) before"));
        List<Event> events = new ArrayList<>();
        events.add(audit);
        events.addAll(announce);
        return conn.preparedQuery("""
                        WITH changed AS (
                          INSERT INTO colshift.steps (migration_id, step_id, attempts, lock_timeouts)
                          VALUES ($1, $2, $3, $4)
                          RETURNING step_id)
                        """ + OutboxMessages.insertForChanged(5))
                .execute(OutboxMessages.addTo(Tuple.of(migrationId, step.id(), attempt, lockTimeouts), events))
                .replaceWithVoid();
    }

    /** A busy lock, a timeout, a deadlock or a lost connection: worth another attempt (see {@link PgErrorClass}). */
    public static boolean isRetryable(Throwable failure) {
        return failure instanceof TableBusyException
                || failure instanceof PgException pg && PgErrors.classify(pg).retryable();
    }
}
