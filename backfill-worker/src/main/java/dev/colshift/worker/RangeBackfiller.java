package dev.colshift.worker;

import dev.colshift.schemas.Phase;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

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
                // a range an earlier attempt began in pieces is not claimed whole: it goes on in pieces
                .chain(() -> conn.preparedQuery("""
                        INSERT INTO colshift.batches (migration_id, range_id, lower_bound, upper_bound, lower_key,
                          upper_key, rows_updated, worker_id, attempt, duration_ms, backfill_xid)
                        SELECT $1, $2, $3, $4, $5, $6, 0, $7, $8, 0, pg_current_xact_id()
                        WHERE NOT EXISTS (SELECT 1 FROM colshift.range_pieces WHERE migration_id = $1 AND range_id = $2)
                        ON CONFLICT DO NOTHING""")
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
                        ? notClaimed(conn, migrationId, range)
                        : conn.preparedQuery(range.statement(target))
                                .execute(Tuple.from(range.parameters()))
                                // rows an earlier attempt's pieces filled count too
                                .chain(updated -> conn.preparedQuery("""
                                                UPDATE colshift.batches SET duration_ms = $4, rows_updated = $3
                                                  + (SELECT coalesce(sum(p.rows_updated), 0) FROM colshift.range_pieces p
                                                     WHERE p.migration_id = $1 AND p.range_id = $2)
                                                WHERE migration_id = $1 AND range_id = $2 RETURNING rows_updated""")
                                        .execute(Tuple.of(
                                                migrationId,
                                                range.rangeId(),
                                                (long) updated.rowCount(),
                                                (System.nanoTime() - started) / 1_000_000)))
                                .map(recorded -> recorded.iterator().next().getLong("rows_updated"))));
    }

    /** -1 when the ledger has the range; a {@link RangeAlreadySplit} failure when it was begun in pieces. */
    private static Uni<Long> notClaimed(SqlConnection conn, String migrationId, RangeToFill range) {
        return conn.preparedQuery("SELECT EXISTS (SELECT 1 FROM colshift.batches WHERE migration_id = $1"
                        + " AND range_id = $2) AS recorded")
                .execute(Tuple.of(migrationId, range.rangeId()))
                .map(rows -> {
                    if (rows.iterator().next().getBoolean("recorded")) {
                        return -1L;
                    }
                    throw new RangeAlreadySplit(range.rangeId());
                });
    }

    /**
     * Fills a keyset range in pieces of about {@code pieceRows} rows, each piece its own transaction recorded in
     * {@code colshift.range_pieces}, carrying on after the pieces any earlier attempt or worker recorded: a range that
     * ran into {@code statement_timeout} as one UPDATE. The final piece's transaction records the range in
     * {@code colshift.batches} with the rows of all its pieces. Before each piece {@code clearance} is asked again
     * (the throttle: many small pieces are as many chances to hold back), and the migration's phase is read with each
     * piece: one that may no longer run ranges ends the work ({@link MigrationMovedOn}). {@code pieceStarts} hears the
     * rows of each piece before its UPDATE (at most {@code pieceRows}; fewer in the range's last piece). Rows of the
     * range, or -1 when the ledger had the range before this recorded it.
     */
    public Uni<Long> backfillInPieces(
            BackfillTarget target,
            String migrationId,
            RangeToFill range,
            int pieceRows,
            String workerId,
            int attempt,
            Supplier<Uni<Void>> clearance,
            IntConsumer pieceStarts) {
        if (!target.keysetRanges() || range.keys() == null) {
            return Uni.createFrom()
                    .failure(new PoisonBatchException(
                            "range " + range.rangeId() + " of " + migrationId + " is no keyset range to split"));
        }
        PieceWork work = new PieceWork(
                target, migrationId, range, pieceRows, workerId, attempt, System.nanoTime(), clearance, pieceStarts);
        return spans.around(
                "backfill range " + range.rangeId() + " in pieces of " + pieceRows, migrationId, () -> pieces(work));
    }

    private record PieceWork(
            BackfillTarget target,
            String migrationId,
            RangeToFill range,
            int pieceRows,
            String workerId,
            int attempt,
            long started,
            Supplier<Uni<Void>> clearance,
            IntConsumer pieceStarts) {}

    /** After one piece: more to fill, or the range's rows (-1: recorded by someone else). */
    private record PieceStep(boolean more, long rangeRows) {
        static final PieceStep MORE = new PieceStep(true, 0);
        static final PieceStep RECORDED_ELSEWHERE = new PieceStep(false, -1);
    }

    /** One piece after another (a repetition, not a recursion: a range may take thousands of pieces). */
    private Uni<Long> pieces(PieceWork work) {
        AtomicLong rangeRows = new AtomicLong();
        return Multi.createBy()
                .repeating()
                .uni(() -> work.clearance()
                        .get()
                        .chain(() -> pool.withTransaction(conn -> limits(conn).chain(() -> nextPiece(conn, work)))))
                .until(step -> {
                    rangeRows.set(step.rangeRows());
                    return !step.more();
                })
                .collect()
                .last()
                .map(ignored -> rangeRows.get());
    }

    private Uni<PieceStep> nextPiece(SqlConnection conn, PieceWork work) {
        return conn.preparedQuery("""
                        SELECT (SELECT phase FROM colshift.migrations WHERE id = $1) AS phase,
                          EXISTS (SELECT 1 FROM colshift.batches WHERE migration_id = $1 AND range_id = $2)
                          AS range_recorded, p.piece_id, p.upper_key
                        FROM (SELECT 1) AS one LEFT JOIN LATERAL (
                          SELECT piece_id, upper_key FROM colshift.range_pieces
                          WHERE migration_id = $1 AND range_id = $2 ORDER BY piece_id DESC LIMIT 1) AS p ON true""")
                .execute(Tuple.of(work.migrationId(), work.range().rangeId()))
                .chain(rows -> {
                    Row state = rows.iterator().next();
                    Phase phase = Phase.recorded(state.getString("phase"));
                    if (phase == null || !phase.rangesMayRun()) {
                        return Uni.createFrom().failure(new MigrationMovedOn());
                    }
                    if (state.getBoolean("range_recorded")) {
                        return Uni.createFrom().item(PieceStep.RECORDED_ELSEWHERE);
                    }
                    Integer last = state.getInteger("piece_id");
                    List<String> lower =
                            last == null ? work.range().keys().lower() : List.of(state.getArrayOfStrings("upper_key"));
                    List<String> rangeUpper = work.range().keys().upper();
                    return conn.preparedQuery(work.target().keyset().nextLowerBound(work.pieceRows()))
                            .execute(Tuple.from(concat(lower, rangeUpper)))
                            .chain(probe -> {
                                List<String> following = probe.size() == 0
                                        ? null
                                        : List.of(probe.iterator().next().getArrayOfStrings("key"));
                                boolean finalPiece = following == null || following.equals(rangeUpper);
                                int pieceId = last == null ? 0 : last + 1;
                                Uni<Integer> pieceRows = finalPiece
                                        ? conn.preparedQuery(
                                                        work.target().keyset().rowsUpTo(work.pieceRows()))
                                                .execute(Tuple.from(concat(lower, rangeUpper)))
                                                .map(counted -> counted.iterator()
                                                        .next()
                                                        .getInteger("rows"))
                                        : Uni.createFrom().item(work.pieceRows());
                                return pieceRows
                                        .invoke(work.pieceStarts()::accept)
                                        .chain(() -> fillPiece(
                                                conn,
                                                work,
                                                pieceId,
                                                lower,
                                                finalPiece ? rangeUpper : following,
                                                finalPiece));
                            });
                });
    }

    private Uni<PieceStep> fillPiece(
            SqlConnection conn,
            PieceWork work,
            int pieceId,
            List<String> lower,
            List<String> upper,
            boolean finalPiece) {
        String update = finalPiece
                ? work.range().statement(work.target())
                : work.target().backfillSql();
        return conn.preparedQuery("""
                        INSERT INTO colshift.range_pieces (migration_id, range_id, piece_id, lower_key, upper_key, final,
                          rows_updated, worker_id, backfill_xid)
                        VALUES ($1, $2, $3, $4, $5, $6, 0, $7, pg_current_xact_id()) ON CONFLICT DO NOTHING""")
                .execute(Tuple.tuple()
                        .addString(work.migrationId())
                        .addLong(work.range().rangeId())
                        .addInteger(pieceId)
                        .addArrayOfString(lower.toArray(String[]::new))
                        .addArrayOfString(upper.toArray(String[]::new))
                        .addBoolean(finalPiece)
                        .addString(work.workerId()))
                .chain(claimed -> claimed.rowCount() == 0 // another worker filled this piece: look again
                        ? Uni.createFrom().item(PieceStep.MORE)
                        : conn.preparedQuery(update)
                                .execute(Tuple.from(concat(lower, upper)))
                                .chain(updated -> conn.preparedQuery("""
                                                UPDATE colshift.range_pieces SET rows_updated = $4
                                                WHERE migration_id = $1 AND range_id = $2 AND piece_id = $3""")
                                        .execute(Tuple.of(
                                                work.migrationId(), work.range().rangeId(), pieceId, (long)
                                                        updated.rowCount())))
                                .chain(() -> finalPiece
                                        ? recordRange(conn, work)
                                        : Uni.createFrom().item(PieceStep.MORE)));
    }

    private Uni<PieceStep> recordRange(SqlConnection conn, PieceWork work) {
        return conn.preparedQuery("""
                        INSERT INTO colshift.batches (migration_id, range_id, lower_key, upper_key, rows_updated,
                          worker_id, attempt, duration_ms, backfill_xid)
                        SELECT $1, $2, $3, $4, sum(rows_updated), $5, $6, $7, pg_current_xact_id()
                        FROM colshift.range_pieces WHERE migration_id = $1 AND range_id = $2
                        ON CONFLICT DO NOTHING RETURNING rows_updated""")
                .execute(Tuple.tuple()
                        .addString(work.migrationId())
                        .addLong(work.range().rangeId())
                        .addArrayOfString(work.range().lowerKey())
                        .addArrayOfString(work.range().upperKey())
                        .addString(work.workerId())
                        .addInteger(work.attempt())
                        .addLong((System.nanoTime() - work.started()) / 1_000_000))
                .map(recorded -> recorded.size() == 0
                        ? PieceStep.RECORDED_ELSEWHERE
                        : new PieceStep(false, recorded.iterator().next().getLong("rows_updated")));
    }

    private static List<Object> concat(List<String> lower, List<String> upper) {
        List<Object> values = new ArrayList<>(lower);
        values.addAll(upper);
        return values;
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
