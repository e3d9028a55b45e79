package dev.colshift.worker;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads a migration's backfill statement and ranges from {@code colshift.migrations}. */
@ApplicationScoped
public class BackfillTargets {
    private final Pool pool;

    public BackfillTargets(Pool pool) {
        this.pool = pool;
    }

    /** The migration's backfill, or null when the ledger has no such migration. */
    public Uni<BackfillTarget> find(String migrationId) {
        return pool.preparedQuery("""
                SELECT phase, backfill_sql, range_lower, range_upper, batches_total, batch_size
                FROM colshift.migrations WHERE id = $1""").execute(Tuple.of(migrationId)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row r = rows.iterator().next();
            return new BackfillTarget(
                    migrationId,
                    r.getString("phase"),
                    r.getString("backfill_sql"),
                    r.getLong("range_lower"),
                    r.getLong("range_upper"),
                    r.getLong("batches_total"),
                    r.getInteger("batch_size"));
        });
    }
}
