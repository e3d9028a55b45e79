package dev.colshift.verifier;

import dev.colshift.verifier.check.CheckRunner;
import dev.colshift.verifier.db.MigrationReader;
import dev.colshift.verifier.kafka.VerdictPublisher;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Verifies one migration: reads it from the ledger, runs every check in one read-only snapshot of the target
 * database, then publishes the verdict. Repeating it only reports again.
 */
@ApplicationScoped
public class Verifier {
    private static final Logger LOG = Logger.getLogger(Verifier.class);
    private static final int RETRIES = 3;

    private final Pool pool;
    private final MigrationReader reader;
    private final CheckRunner checks;
    private final VerdictPublisher publisher;

    public Verifier(Pool pool, MigrationReader reader, CheckRunner checks, VerdictPublisher publisher) {
        this.pool = pool;
        this.reader = reader;
        this.checks = checks;
        this.publisher = publisher;
    }

    public Uni<Void> verify(String migrationId) {
        return Uni.createFrom()
                .deferred(() -> pool.withConnection(db -> inSnapshot(db, migrationId)))
                .onFailure(TransientFailures::isTransient)
                .retry()
                .withBackOff(Duration.ofMillis(500), Duration.ofSeconds(5))
                .withJitter(0.5)
                .atMost(RETRIES)
                .chain(verdict -> {
                    if (verdict == null) {
                        LOG.warnf("migration %s: not in the ledger, nothing to verify", migrationId);
                        return Uni.createFrom().voidItem();
                    }
                    LOG.infof("migration %s: %s", migrationId, verdict.detail());
                    return publisher.publish(verdict);
                });
    }

    /**
     * Read only, so no check can write; repeatable read, so all checks see the same moment. The transaction is
     * driven by SQL rather than the client's transaction API, which rolls back on the first failed query and would
     * defeat the per-check savepoints.
     */
    private Uni<Verdict> inSnapshot(SqlConnection db, String migrationId) {
        return db.query("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute()
                .chain(() -> inspect(db, migrationId))
                .eventually(() -> db.query("ROLLBACK").execute().onFailure().recoverWithNull());
    }

    private Uni<Verdict> inspect(SqlConnection db, String migrationId) {
        return reader.find(db, migrationId)
                .chain(migration -> migration == null
                        ? Uni.createFrom().nullItem()
                        : checks.runAll(migration, db).map(results -> new Verdict(migration, results)));
    }
}
