package dev.colshift.planner.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.colshift.planner.control.DesiredState;
import dev.colshift.planner.control.PhaseTransitions;
import dev.colshift.planner.plan.BatchSizing;
import dev.colshift.planner.plan.MigrationPlan;
import dev.colshift.schemas.AuditRecord;
import dev.colshift.schemas.Event;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.KeyColumn;
import dev.colshift.schemas.KeyRange;
import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.Phase;
import dev.colshift.schemas.ReplicaLagSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The planner's reads and writes of {@code colshift.migrations}, {@code colshift.steps} and the batch ledger. */
@ApplicationScoped
public class MigrationLedger {
    private final Pool pool;

    public MigrationLedger(Pool pool) {
        this.pool = pool;
    }

    /**
     * Records a new migration, ACCEPTED, and the events announcing it. {@code requestId} (the request event's id,
     * or null) makes a redelivered request insert nothing: emits false then. {@code traceparent} is the migration's
     * span (null when tracing is off).
     */
    public Uni<Boolean> insert(
            MigrationSpec spec,
            MigrationPlan plan,
            String requestedBy,
            String requestId,
            String traceparent,
            List<? extends Event> events) {
        return pool.preparedQuery("""
                WITH changed AS (
                  INSERT INTO colshift.migrations (id, spec, plan, table_schema, table_name, column_name, key_column,
                    backfill_sql, batch_size, phase, requested_by, request_id, key_columns, backfill_last_sql,
                    traceparent)
                  VALUES ($1, $2::text::jsonb, $3::text::jsonb, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::text::jsonb,
                    $14, $15)
                  ON CONFLICT (request_id, column_name) WHERE request_id IS NOT NULL DO NOTHING
                  RETURNING id)
                """ + OutboxMessages.insertForChanged(16))
                .execute(OutboxMessages.addTo(
                        Tuple.from(Arrays.asList(
                                plan.migrationId(),
                                json(spec),
                                json(plan),
                                plan.schema(),
                                plan.table(),
                                plan.column(),
                                scannableKeyColumn(plan),
                                plan.backfillStatement(),
                                plan.batchSize(),
                                Phase.ACCEPTED.name(),
                                requestedBy,
                                requestId,
                                plan.key() == null ? null : json(plan.key()),
                                plan.lastRangeStatement(),
                                traceparent)),
                        events))
                .map(rows -> rows.rowCount() > 0);
    }

    /**
     * The key column the verifier's chunked scans walk: the key when it is one integer column, else null (the
     * verifier then looks for one itself).
     */
    private static String scannableKeyColumn(MigrationPlan plan) {
        if (plan.key() == null || plan.key().size() != 1) {
            return null;
        }
        KeyColumn only = plan.key().get(0);
        return List.of("smallint", "integer", "bigint").contains(only.type()) ? only.name() : null;
    }

    /** Whether a request (by its event id) has already become migrations. */
    public Uni<Boolean> requestRecorded(String requestId) {
        return pool.preparedQuery("SELECT 1 FROM colshift.migrations WHERE request_id = $1 LIMIT 1")
                .execute(Tuple.of(requestId))
                .map(rows -> rows.size() > 0);
    }

    /** The migration, or null when there is none with that id. */
    public Uni<MigrationRecord> find(String id) {
        return pool.preparedQuery("""
                SELECT id, spec::text AS spec, plan::text AS plan, phase, requested_by, range_lower, range_upper,
                  batches_total, batches_published, rows_estimate, created_at, backfill_started_at,
                  backfill_finished_at, verify_requested_at, finished_at, detail, verification::text AS verification,
                  desired, paused_from, paused_at, waiting_for, failure, key_min, key_max, ranges_walked,
                  ranges_published_below, traceparent
                FROM colshift.migrations WHERE id = $1""")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : toRecord(rows.iterator().next()));
    }

    public Uni<List<String>> unfinishedIds() {
        return pool.query("""
                        SELECT id FROM colshift.migrations
                        WHERE phase NOT IN ('COMPLETED', 'FAILED', 'CANCELLED', 'ROLLED_BACK')
                           OR desired LIKE 'ROLLBACK%' AND phase <> 'ROLLED_BACK'
                        ORDER BY created_at""").execute().map(rows -> {
            List<String> ids = new ArrayList<>();
            rows.forEach(r -> ids.add(r.getString("id")));
            return ids;
        });
    }

    /**
     * Moves the migration from one phase to the next and queues the events announcing it; false (and nothing
     * queued) when it was not in {@code from}: someone else moved it.
     */
    public Uni<Boolean> transition(String id, Phase from, Phase to, String detail, List<? extends Event> events) {
        if (!PhaseTransitions.allowed(from, to)) {
            return Uni.createFrom()
                    .failure(new IllegalStateException("a migration may not move from " + from + " to " + to));
        }
        return pool.preparedQuery("""
                WITH changed AS (
                  UPDATE colshift.migrations SET phase = $3, detail = coalesce($4, detail), updated_at = clock_timestamp(),
                    finished_at = CASE WHEN $3 IN ('COMPLETED', 'FAILED', 'CANCELLED', 'ROLLED_BACK')
                      THEN clock_timestamp() ELSE finished_at END,
                    backfill_finished_at = CASE WHEN $2 = 'BACKFILLING' AND $3 = 'CONTRACTING' THEN clock_timestamp()
                      ELSE backfill_finished_at END,
                    verify_requested_at = CASE WHEN $3 = 'VERIFYING' THEN clock_timestamp() ELSE verify_requested_at END,
                    paused_from = CASE WHEN $3 = 'PAUSED' THEN $2 WHEN $2 = 'PAUSED' THEN NULL ELSE paused_from END,
                    paused_at = CASE WHEN $3 = 'PAUSED' THEN clock_timestamp() WHEN $2 = 'PAUSED' THEN NULL
                      ELSE paused_at END,
                    -- ranges not done when paused are published again on resume (the worker skips the done ones)
                    batches_published = CASE WHEN $3 = 'PAUSED' THEN false ELSE batches_published END,
                    ranges_published_below = CASE WHEN $3 = 'PAUSED' THEN 0 ELSE ranges_published_below END,
                    waiting_for = NULL,
                    -- a finished rollback has done what was wanted: asking for it again starts a new one
                    desired = CASE WHEN $2 = 'ROLLING_BACK' THEN 'RUN' ELSE desired END
                  WHERE id = $1 AND phase = $2
                  RETURNING id)
                """ + OutboxMessages.insertForChanged(5))
                .execute(OutboxMessages.addTo(Tuple.of(id, from.name(), to.name(), detail), events))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Fails a migration into its rollback: the reason is kept, and the migration ends FAILED once rolled back. */
    public Uni<Boolean> failIntoRollback(String id, Phase from, String reason, List<? extends Event> events) {
        return pool.preparedQuery("""
                WITH changed AS (
                  UPDATE colshift.migrations SET phase = 'ROLLING_BACK', desired = 'ROLLBACK_KEEPING_COLUMN', failure = $3,
                    detail = $3, updated_at = clock_timestamp(), waiting_for = NULL
                  WHERE id = $1 AND phase = $2
                  RETURNING id)
                """ + OutboxMessages.insertForChanged(4))
                .execute(OutboxMessages.addTo(Tuple.of(id, from.name(), reason), events))
                .map(rows -> rows.rowCount() > 0);
    }

    /**
     * Records what the operator wants, with an audit record naming who asked (the request, not yet its effect: the
     * driver's steps are audited as they run); false when the migration does not exist.
     */
    public Uni<Boolean> requestControl(String id, DesiredState wanted, String requester, String verb, Phase phase) {
        return pool.preparedQuery("""
                        WITH changed AS (
                          UPDATE colshift.migrations SET desired = $2, updated_at = clock_timestamp() WHERE id = $1
                          RETURNING id)
                        """ + OutboxMessages.insertForChanged(3))
                .execute(OutboxMessages.addTo(Tuple.of(id, wanted.name()), List.of(asked(id, requester, verb, phase))))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Audits a request that changes nothing in the ledger itself (a verification on demand): who asked, when. */
    public Uni<Void> recordRequest(String id, String requester, String verb, Phase phase) {
        return pool.preparedQuery("WITH changed AS (SELECT id FROM colshift.migrations WHERE id = $1)"
                        + OutboxMessages.insertForChanged(2))
                .execute(OutboxMessages.addTo(Tuple.of(id), List.of(asked(id, requester, verb, phase))))
                .replaceWithVoid();
    }

    /** The audit record of an operator's request: who asked for what, in which phase. */
    private static AuditRecord asked(String id, String requester, String verb, Phase phase) {
        return AuditRecord.of(id, requester, "request-" + verb, "SUCCEEDED", null, null, "asked while " + phase.name());
    }

    /** Shows why the driver waits (null: it does not). */
    public Uni<Void> waitingFor(String id, String reason) {
        return pool.preparedQuery("UPDATE colshift.migrations SET waiting_for = $2"
                        + " WHERE id = $1 AND waiting_for IS DISTINCT FROM $2")
                .execute(Tuple.of(id, reason))
                .replaceWithVoid();
    }

    /** The ids of the steps (and undo steps) the step ledger has. */
    public Uni<java.util.Set<String>> stepsDone(String id) {
        return pool.preparedQuery("SELECT step_id FROM colshift.steps WHERE migration_id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    java.util.Set<String> done = new java.util.HashSet<>();
                    rows.forEach(r -> done.add(r.getString("step_id")));
                    return done;
                });
    }

    /**
     * Records the key span captured at backfill start (null bounds: the table was empty, and there is nothing to
     * walk), enters BACKFILLING and queues the events announcing it.
     */
    public Uni<Boolean> startBackfill(
            String id, List<String> keyMin, List<String> keyMax, long rowsEstimate, List<? extends Event> events) {
        return pool.preparedQuery("""
                WITH changed AS (
                  UPDATE colshift.migrations SET phase = 'BACKFILLING', key_min = $2, key_max = $3,
                    ranges_walked = $2::text[] IS NULL, batches_total = CASE WHEN $2::text[] IS NULL THEN 0 END,
                    ranges_published_below = 0, rows_estimate = $4, backfill_started_at = clock_timestamp(),
                    updated_at = clock_timestamp()
                  WHERE id = $1 AND phase = 'EXPANDING'
                  RETURNING id)
                """ + OutboxMessages.insertForChanged(5))
                .execute(OutboxMessages.addTo(Tuple.of(id, textArray(keyMin), textArray(keyMax), rowsEstimate), events))
                .map(rows -> rows.rowCount() > 0);
    }

    /** The range the walk stored last, or null before the first. */
    public Uni<KeyRange> lastStoredRange(String id) {
        return pool.preparedQuery("""
                SELECT range_id, lower_key, upper_key, upper_inclusive FROM colshift.ranges
                WHERE migration_id = $1 ORDER BY range_id DESC LIMIT 1""")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : keyRange(rows.iterator().next()));
    }

    /**
     * Where an adaptive walk stands: stored ranges the batch ledger has not recorded yet, the last {@code recent}
     * recorded ranges' rows and times (newest first), and the range size in use (null: the plan's).
     */
    public Uni<WalkWindow> walkWindow(String id, int recent) {
        return pool.preparedQuery("""
                        SELECT (SELECT count(*) FROM colshift.ranges WHERE migration_id = $1)
                                 - (SELECT count(*) FROM colshift.batches WHERE migration_id = $1) AS outstanding,
                               (SELECT walk_batch_size FROM colshift.migrations WHERE id = $1) AS walk_batch_size,
                               ARRAY(SELECT rows_updated FROM colshift.batches WHERE migration_id = $1
                                     ORDER BY range_id DESC LIMIT $2) AS rows,
                               ARRAY(SELECT duration_ms FROM colshift.batches WHERE migration_id = $1
                                     ORDER BY range_id DESC LIMIT $2) AS millis""").execute(Tuple.of(id, recent)).map(rows -> {
            Row r = rows.iterator().next();
            Long[] updated = r.getArrayOfLongs("rows");
            Long[] millis = r.getArrayOfLongs("millis");
            List<BatchSizing.Timing> timings = new ArrayList<>();
            for (int i = 0; i < updated.length; i++) {
                timings.add(new BatchSizing.Timing(updated[i], millis[i]));
            }
            return new WalkWindow(r.getLong("outstanding"), timings, r.getInteger("walk_batch_size"));
        });
    }

    /** See {@link #walkWindow}. */
    public record WalkWindow(long outstanding, List<BatchSizing.Timing> recent, Integer walkBatchSize) {}

    /** Records the range size an adaptive walk uses from now on. */
    public Uni<Void> walkBatchSize(String id, int size) {
        return pool.preparedQuery("UPDATE colshift.migrations SET walk_batch_size = $2 WHERE id = $1")
                .execute(Tuple.of(id, size))
                .replaceWithVoid();
    }

    /** The stored range with this id, or null. */
    public Uni<KeyRange> storedRange(String id, long rangeId) {
        return pool.preparedQuery("""
                SELECT range_id, lower_key, upper_key, upper_inclusive FROM colshift.ranges
                WHERE migration_id = $1 AND range_id = $2""")
                .execute(Tuple.of(id, rangeId))
                .map(rows -> rows.size() == 0 ? null : keyRange(rows.iterator().next()));
    }

    /** Stores a range the walk found; storing it again (a walk repeated after a crash) changes nothing. */
    public Uni<Void> storeRange(String id, KeyRange range) {
        return pool.preparedQuery("""
                INSERT INTO colshift.ranges (migration_id, range_id, lower_key, upper_key, upper_inclusive)
                VALUES ($1, $2, $3, $4, $5) ON CONFLICT (migration_id, range_id) DO NOTHING""")
                .execute(Tuple.of(
                        id,
                        range.rangeId(),
                        textArray(range.lower()),
                        textArray(range.upper()),
                        range.upperInclusive()))
                .replaceWithVoid();
    }

    /** The walk stored its last range: the number of ranges is known. */
    public Uni<Void> finishWalk(String id, long ranges) {
        return pool.preparedQuery("UPDATE colshift.migrations SET ranges_walked = true, batches_total = $2"
                        + " WHERE id = $1 AND phase = 'BACKFILLING'")
                .execute(Tuple.of(id, ranges))
                .replaceWithVoid();
    }

    /** Up to {@code limit} stored ranges from {@code fromRangeId} on, in id order. */
    public Uni<List<KeyRange>> storedRanges(String id, long fromRangeId, int limit) {
        return pool.preparedQuery("""
                SELECT range_id, lower_key, upper_key, upper_inclusive FROM colshift.ranges
                WHERE migration_id = $1 AND range_id >= $2 ORDER BY range_id LIMIT $3""").execute(Tuple.of(id, fromRangeId, limit)).map(rows -> {
            List<KeyRange> ranges = new ArrayList<>();
            rows.forEach(r -> ranges.add(keyRange(r)));
            return ranges;
        });
    }

    /** Stored ranges below this id have been published since the backfill (re)started. */
    public Uni<Void> markPublishedBelow(String id, long rangeId) {
        return pool.preparedQuery("UPDATE colshift.migrations SET ranges_published_below = $2"
                        + " WHERE id = $1 AND phase = 'BACKFILLING' AND ranges_published_below < $2")
                .execute(Tuple.of(id, rangeId))
                .replaceWithVoid();
    }

    /** Records the integer key span of a migration planned before keyset ranges; kept for those only. */
    public Uni<Boolean> startIntegerBackfill(
            String id, Long lower, Long upper, long batchesTotal, long rowsEstimate, List<? extends Event> events) {
        return pool.preparedQuery("""
                WITH changed AS (
                  UPDATE colshift.migrations SET phase = 'BACKFILLING', range_lower = $2, range_upper = $3,
                    batches_total = $4, rows_estimate = $5, backfill_started_at = clock_timestamp(),
                    updated_at = clock_timestamp()
                  WHERE id = $1 AND phase = 'EXPANDING'
                  RETURNING id)
                """ + OutboxMessages.insertForChanged(6))
                .execute(OutboxMessages.addTo(Tuple.of(id, lower, upper, batchesTotal, rowsEstimate), events))
                .map(rows -> rows.rowCount() > 0);
    }

    public Uni<Void> markBatchesPublished(String id) {
        return pool.preparedQuery(
                        "UPDATE colshift.migrations SET batches_published = true WHERE id = $1 AND phase = 'BACKFILLING'")
                .execute(Tuple.of(id))
                .replaceWithVoid();
    }

    /** Notes that the verifier was asked (again) and queues the events asking it. */
    public Uni<Void> markVerifyRequested(String id, List<? extends Event> events) {
        return pool.preparedQuery("""
                WITH changed AS (
                  UPDATE colshift.migrations SET verify_requested_at = clock_timestamp()
                  WHERE id = $1 AND phase = 'VERIFYING'
                  RETURNING id)
                """ + OutboxMessages.insertForChanged(2))
                .execute(OutboxMessages.addTo(Tuple.of(id), events))
                .replaceWithVoid();
    }

    /**
     * Stores the verifier's report and finishes the migration, if it is still waiting for one, queueing the events
     * announcing the end.
     */
    public Uni<Boolean> finishVerification(
            String id, boolean passed, String checksJson, String detail, List<? extends Event> events) {
        return pool.preparedQuery("""
                WITH changed AS (
                  UPDATE colshift.migrations SET verification = $2::text::jsonb, phase = $3, detail = $4,
                    finished_at = clock_timestamp(), updated_at = clock_timestamp(), waiting_for = NULL
                  WHERE id = $1 AND phase = 'VERIFYING'
                  RETURNING id)
                """ + OutboxMessages.insertForChanged(5))
                .execute(OutboxMessages.addTo(
                        Tuple.of(id, checksJson, passed ? Phase.COMPLETED.name() : Phase.FAILED.name(), detail),
                        events))
                .map(rows -> rows.rowCount() > 0);
    }

    public Uni<BatchTally> batchTally(String id) {
        return pool.preparedQuery("""
                SELECT count(*) AS batches, coalesce(sum(rows_updated), 0)::bigint AS rows
                FROM colshift.batches WHERE migration_id = $1""").execute(Tuple.of(id)).map(rows -> {
            Row row = rows.iterator().next();
            return new BatchTally(row.getLong("batches"), row.getLong("rows"));
        });
    }

    public Uni<Boolean> batchRecorded(String id, long rangeId) {
        return pool.preparedQuery("SELECT 1 FROM colshift.batches WHERE migration_id = $1 AND range_id = $2")
                .execute(Tuple.of(id, rangeId))
                .map(rows -> rows.size() > 0);
    }

    /**
     * Holds a range a worker gave up on for the operator's redrive (a range dead again after a redrive is held again);
     * emits false when the range is recorded done after all.
     */
    public Uni<Boolean> holdDeadRange(String id, long rangeId, String batchJson, String reason) {
        return pool.preparedQuery("""
                INSERT INTO colshift.dead_ranges (migration_id, range_id, batch, reason)
                SELECT $1, $2, $3, $4
                WHERE NOT EXISTS (SELECT 1 FROM colshift.batches WHERE migration_id = $1 AND range_id = $2)
                ON CONFLICT (migration_id, range_id) DO UPDATE SET batch = EXCLUDED.batch, reason = EXCLUDED.reason,
                  dead_at = clock_timestamp(), redriven_at = NULL""")
                .execute(Tuple.of(id, rangeId, batchJson, reason))
                .map(rows -> rows.rowCount() > 0);
    }

    /** The held ranges not re-driven and not done since, first range first. */
    public Uni<List<DeadRange>> deadRanges(String id) {
        return pool.preparedQuery("""
                SELECT d.range_id, d.batch, d.reason FROM colshift.dead_ranges d
                WHERE d.migration_id = $1 AND d.redriven_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM colshift.batches b
                                  WHERE b.migration_id = d.migration_id AND b.range_id = d.range_id)
                ORDER BY d.range_id""").execute(Tuple.of(id)).map(rows -> {
            List<DeadRange> dead = new ArrayList<>();
            rows.forEach(
                    r -> dead.add(new DeadRange(r.getLong("range_id"), r.getString("batch"), r.getString("reason"))));
            return dead;
        });
    }

    /** Notes that these held ranges were published again. */
    public Uni<Void> markRedriven(String id, List<Long> rangeIds, String requester) {
        AuditRecord asked = AuditRecord.of(
                id,
                requester,
                "redrive",
                "SUCCEEDED",
                null,
                null,
                "published again: range "
                        + rangeIds.stream().map(String::valueOf).collect(Collectors.joining(", ")));
        return pool.preparedQuery("""
                        WITH redriven AS (
                          UPDATE colshift.dead_ranges SET redriven_at = clock_timestamp(), redrives = redrives + 1
                          WHERE migration_id = $1 AND range_id = ANY($2) RETURNING migration_id),
                        changed AS (SELECT 1 FROM redriven LIMIT 1)
                        """ + OutboxMessages.insertForChanged(3))
                .execute(OutboxMessages.addTo(Tuple.of(id, rangeIds.toArray(Long[]::new)), List.of(asked)))
                .replaceWithVoid();
    }

    /** A range held after its worker gave up: the dead letter's batch message, as it came, and why. */
    public record DeadRange(long rangeId, String batchJson, String reason) {}

    /**
     * Why the workers hold this migration's ranges back now: the longest-held reason a live worker reports (its row
     * refreshed within the last 10 s), for this migration or for every migration; null when none does or the
     * migration is not backfilling.
     */
    public Uni<WorkerThrottle> workerThrottle(MigrationRecord m) {
        if (m.phase() != dev.colshift.schemas.Phase.BACKFILLING) {
            return Uni.createFrom().nullItem();
        }
        return pool.preparedQuery("""
                SELECT worker_id, kind, reason, since, count(*) OVER () AS workers
                FROM colshift.worker_throttle
                WHERE (migration_id = $1 OR migration_id IS NULL)
                  AND seen_at > clock_timestamp() - interval '10 seconds'
                ORDER BY since LIMIT 1""").execute(Tuple.of(m.id())).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row r = rows.iterator().next();
            return new WorkerThrottle(
                    true,
                    r.getString("kind"),
                    r.getString("reason"),
                    r.getString("worker_id"),
                    r.getOffsetDateTime("since"),
                    r.getLong("workers"));
        });
    }

    /** Every streaming replica's lag now, worst first (empty: none is connected, or the role may not see them). */
    public Uni<List<ReplicaLag>> replicaLag() {
        return pool.query(ReplicaLagSql.QUERY).execute().map(rows -> {
            List<ReplicaLag> replicas = new ArrayList<>();
            rows.forEach(r ->
                    replicas.add(new ReplicaLag(r.getString("replica"), r.getLong("lag_bytes"), r.getLong("lag_ms"))));
            replicas.sort(java.util.Comparator.comparingLong(ReplicaLag::replayLagMillis)
                    .thenComparingLong(ReplicaLag::lagBytes)
                    .reversed());
            return replicas;
        });
    }

    /** Batches recorded so far and the rows they updated. */
    public record BatchTally(long batches, long rows) {}

    private static MigrationRecord toRecord(Row r) {
        try {
            return new MigrationRecord(
                    r.getString("id"),
                    EventCodec.mapper().readValue(r.getString("spec"), MigrationSpec.class),
                    EventCodec.mapper().readValue(r.getString("plan"), MigrationPlan.class),
                    Phase.valueOf(r.getString("phase")),
                    r.getString("requested_by"),
                    r.getLong("range_lower"),
                    r.getLong("range_upper"),
                    r.getLong("batches_total"),
                    r.getBoolean("batches_published"),
                    r.getLong("rows_estimate"),
                    r.getOffsetDateTime("created_at"),
                    r.getOffsetDateTime("backfill_started_at"),
                    r.getOffsetDateTime("backfill_finished_at"),
                    r.getOffsetDateTime("verify_requested_at"),
                    r.getOffsetDateTime("finished_at"),
                    r.getString("detail"),
                    r.getString("verification"),
                    DesiredState.valueOf(r.getString("desired")),
                    r.getString("paused_from") == null ? null : Phase.valueOf(r.getString("paused_from")),
                    r.getOffsetDateTime("paused_at"),
                    r.getString("waiting_for"),
                    r.getString("failure"),
                    textList(r.getArrayOfStrings("key_min")),
                    textList(r.getArrayOfStrings("key_max")),
                    r.getBoolean("ranges_walked"),
                    r.getLong("ranges_published_below"),
                    r.getString("traceparent"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable ledger row for migration " + r.getString("id"), e);
        }
    }

    private static KeyRange keyRange(Row r) {
        return new KeyRange(
                r.getLong("range_id"),
                List.of(r.getArrayOfStrings("lower_key")),
                List.of(r.getArrayOfStrings("upper_key")),
                r.getBoolean("upper_inclusive"));
    }

    private static String[] textArray(List<String> values) {
        return values == null ? null : values.toArray(String[]::new);
    }

    private static List<String> textList(String[] values) {
        return values == null ? null : List.of(values);
    }

    static String json(Object value) {
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
