package dev.colshift.worker;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Backfills one range: claims it in the batch ledger and runs the UPDATE in the same transaction, so the range is
 * either done and recorded or neither. A second delivery finds the ledger row and changes nothing; two concurrent
 * deliveries serialise on the ledger's primary key. The ledger row keeps the transaction's id ({@code backfill_xid}):
 * every row the UPDATE wrote carries it as {@code xmin} until something else writes that row, which is how the
 * verifier tells backfilled rows from rows the application wrote.
 */
@ApplicationScoped
public class RangeBackfiller {
    private final Pool pool;
    private final WorkerConfig config;
    private final WorkSpans spans;

    public RangeBackfiller(Pool pool, WorkerConfig config, WorkSpans spans) {
        this.pool = pool;
        this.config = config;
        this.spans = spans;
    }

    /**
     * Rows updated, or -1 when the ledger already had the range. Each attempt is a span in the migration's trace (a
     * child of the batch message's consumer span).
     */
    public Uni<Long> backfill(
            BackfillTarget target, String migrationId, RangeToFill range, String workerId, int attempt) {
        return spans.around(
                "backfill range " + range.rangeId(),
                migrationId,
                () -> run(target, migrationId, range, workerId, attempt));
    }

    private Uni<Long> run(BackfillTarget target, String migrationId, RangeToFill range, String workerId, int attempt) {
        long started = System.nanoTime();
        return pool.withTransaction(conn -> limits(conn)
                .chain(() -> conn.preparedQuery("""
                        INSERT INTO colshift.batches (migration_id, range_id, lower_bound, upper_bound, lower_key,
                          upper_key, rows_updated, worker_id, attempt, duration_ms, backfill_xid)
                        VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8, 0, pg_current_xact_id()) ON CONFLICT DO NOTHING""")
                        .execute(Tuple.tuple()
                                .addString(migrationId)
                                .addLong(range.rangeId())
                                .addLong(range.lowerBound())
                                .addLong(range.upperBound())
                                .addArrayOfString(range.lowerKey())
                                .addArrayOfString(range.upperKey())
                                .addString(workerId)
                                .addInteger(attempt)))
                .chain(claimed -> claimed.rowCount() == 0
                        ? Uni.createFrom().item(-1L)
                        : conn.preparedQuery(range.statement(target))
                                .execute(Tuple.from(range.parameters()))
                                .map(updated -> (long) updated.rowCount())
                                .call(rows -> conn.preparedQuery("""
                                        UPDATE colshift.batches SET rows_updated = $3, duration_ms = $4
                                        WHERE migration_id = $1 AND range_id = $2""")
                                        .execute(Tuple.of(
                                                migrationId,
                                                range.rangeId(),
                                                rows,
                                                (System.nanoTime() - started) / 1_000_000)))));
    }

    private Uni<Void> limits(SqlConnection conn) {
        return conn.preparedQuery(
                        "SELECT set_config('lock_timeout', $1, true), set_config('statement_timeout', $2, true)")
                .execute(Tuple.of(
                        config.lockTimeout().toMillis() + "ms",
                        config.statementTimeout().toMillis() + "ms"))
                .replaceWithVoid();
    }
}
