package dev.colshift.planner.db;

import dev.colshift.planner.PlannerConfig;
import dev.colshift.planner.plan.PlanStep;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;

/**
 * Runs a step that must run outside a transaction block ({@code CREATE INDEX CONCURRENTLY}). Such a step cannot
 * commit together with its ledger row, so it is made idempotent instead: an index it already built and PostgreSQL
 * marked valid is kept; an INVALID leftover of an interrupted build is dropped concurrently and built again; the
 * index is checked to be valid before the ledger row is written. Its locks do not block the application's reads and
 * writes, so it waits for them as long as it takes ({@code lock_timeout} 0), and a failed build is retried.
 */
@ApplicationScoped
public class ConcurrentStepRunner {
    private static final Logger LOG = Logger.getLogger(ConcurrentStepRunner.class);
    private static final String INDEX_STATE = """
            SELECT i.indisvalid AND i.indisready AS usable FROM pg_index i
            WHERE i.indexrelid = to_regclass($1)""";

    private final Pool pool;
    private final PlannerConfig config;

    public ConcurrentStepRunner(Pool pool, PlannerConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /**
     * Runs the step unless the ledger has it; {@code record} writes the ledger row in a transaction afterwards. Emits
     * the number of attempts it took (0 if already done).
     */
    public Uni<Integer> run(String migrationId, PlanStep step, BiFunction<SqlConnection, Integer, Uni<Void>> record) {
        int[] attempts = {0};
        return Uni.createFrom()
                .deferred(() -> alreadyDone(migrationId, step).chain(done -> {
                    if (done) {
                        return Uni.createFrom().item(0);
                    }
                    int attempt = ++attempts[0];
                    return pool.withConnection(conn -> build(conn, step))
                            .chain(() -> pool.withTransaction(conn -> record.apply(conn, attempt)))
                            .replaceWith(attempt);
                }))
                .onFailure(ConcurrentStepRunner::isRetryable)
                .invoke(e -> LOG.infof("%s: attempt %d failed: %s; retrying", step.id(), attempts[0], e.getMessage()))
                .onFailure(ConcurrentStepRunner::isRetryable)
                .retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
                .withJitter(0.5)
                .atMost(Math.max(0, config.ddlMaxAttempts() - 1));
    }

    private Uni<Boolean> alreadyDone(String migrationId, PlanStep step) {
        return pool.preparedQuery("SELECT 1 FROM colshift.steps WHERE migration_id = $1 AND step_id = $2")
                .execute(Tuple.of(migrationId, step.id()))
                .map(rows -> rows.size() > 0);
    }

    private static Uni<Void> build(SqlConnection conn, PlanStep step) {
        Uni<Void> session = conn.query("SET lock_timeout = 0").execute().replaceWithVoid();
        if (step.createsIndex() == null) {
            return session.chain(() -> runAll(conn, step.statements()));
        }
        return session.chain(() -> indexUsable(conn, step.createsIndex()))
                .chain(usable -> {
                    if (Boolean.TRUE.equals(usable)) {
                        return Uni.createFrom().voidItem(); // built by an attempt that died before its ledger row
                    }
                    Uni<Void> cleanup = usable == null
                            ? Uni.createFrom().voidItem()
                            : runAll(conn, step.undo().statements());
                    return cleanup.chain(() -> runAll(conn, step.statements()))
                            .chain(() -> indexUsable(conn, step.createsIndex()))
                            .invoke(built -> {
                                if (!Boolean.TRUE.equals(built)) {
                                    throw new IllegalStateException(
                                            "index " + step.createsIndex() + " is not valid after its build");
                                }
                            })
                            .replaceWithVoid();
                })
                .eventually(() ->
                        conn.query("RESET lock_timeout").execute().onFailure().recoverWithNull());
    }

    /** true: valid and ready; false: an INVALID leftover; null: no such index. */
    private static Uni<Boolean> indexUsable(SqlConnection conn, String index) {
        return conn.preparedQuery(INDEX_STATE)
                .execute(Tuple.of(index))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getBoolean("usable"));
    }

    private static Uni<Void> runAll(SqlConnection conn, java.util.List<String> statements) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String statement : statements) {
            // simple protocol: one statement, never inside an implicit transaction block
            chain = chain.chain(() -> conn.query(statement).execute()).replaceWithVoid();
        }
        return chain;
    }

    /**
     * A build that failed on something passing (a deadlock, a lost connection) is tried again. A build PostgreSQL
     * refuses for the data (a duplicate key for a unique index) ends the migration: its INVALID index stays until
     * rollback removes it.
     */
    static boolean isRetryable(Throwable failure) {
        return failure instanceof PgException pg && PgErrors.classify(pg).retryable()
                || failure instanceof io.vertx.core.VertxException
                        && !(failure instanceof PgException)
                        && failure.getMessage() != null
                        && failure.getMessage().contains("closed");
    }
}
