package dev.colshift.planner.db;

import dev.colshift.schemas.Phase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Reads the newest migrations of the ledger with the ranges each has done, for the list route and the status page. */
@ApplicationScoped
public class MigrationListing {
    private final Pool pool;

    public MigrationListing(Pool pool) {
        this.pool = pool;
    }

    /**
     * One migration as listed.
     *
     * @param updatedAt the later of its last ledger change and its last recorded range
     */
    public record ListedMigration(
            String id,
            String table,
            String column,
            String type,
            Phase phase,
            String desired,
            long batchesDone,
            long batchesTotal,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            OffsetDateTime finishedAt) {}

    /** At most {@code limit} migrations, newest first. */
    public Uni<List<ListedMigration>> newestFirst(int limit) {
        // the limit is applied before the batch ledger is counted, so only the listed migrations are counted
        return pool.preparedQuery("""
                WITH newest AS (
                  SELECT id, table_schema, table_name, column_name, plan->>'canonicalType' AS type, phase, desired,
                    batches_total, created_at, updated_at, finished_at
                  FROM colshift.migrations ORDER BY created_at DESC, id DESC LIMIT $1)
                SELECT n.*, b.batches, greatest(n.updated_at, b.last_batch_at) AS changed_at
                FROM newest n
                CROSS JOIN LATERAL (SELECT count(*) AS batches, max(completed_at) AS last_batch_at
                                    FROM colshift.batches WHERE migration_id = n.id) b
                ORDER BY n.created_at DESC, n.id DESC""").execute(Tuple.of(limit)).map(rows -> {
            List<ListedMigration> listed = new ArrayList<>();
            rows.forEach(r -> listed.add(new ListedMigration(
                    r.getString("id"),
                    r.getString("table_schema") + "." + r.getString("table_name"),
                    r.getString("column_name"),
                    r.getString("type"),
                    Phase.valueOf(r.getString("phase")),
                    r.getString("desired"),
                    r.getLong("batches"),
                    r.getLong("batches_total") == null ? 0 : r.getLong("batches_total"),
                    r.getOffsetDateTime("created_at"),
                    r.getOffsetDateTime("changed_at"),
                    r.getOffsetDateTime("finished_at"))));
            return listed;
        });
    }
}
