package dev.colshift.planner.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.colshift.planner.db.MigrationLedger.BatchTally;
import dev.colshift.planner.db.MigrationRecord;
import dev.colshift.planner.db.ReplicaLag;
import dev.colshift.planner.db.WorkerThrottle;
import dev.colshift.planner.plan.PlanStep;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.Phase;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/** What {@code GET /migrations/{id}} answers: phase, progress, rate, and the verifier's report once there is one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MigrationView(
        String id,
        Phase phase,
        String table,
        String column,
        String type,
        long rowsDone,
        long rowsTotal,
        long batchesDone,
        long batchesTotal,
        double percent,
        long rowsPerSecond,
        Long etaSeconds,
        String detail,
        String desired,
        OffsetDateTime pausedSince,
        String waitingFor,
        OffsetDateTime createdAt,
        OffsetDateTime finishedAt,
        JsonNode verification,
        List<PlanStep> plan,
        String traceId,
        WorkerThrottle throttle,
        List<ReplicaLag> replicas) {

    /**
     * The same view, with why the workers hold back now (null: they do not) and the replicas' lag (null for an ended
     * migration; empty: no replica is connected).
     */
    MigrationView withWorkers(WorkerThrottle now, List<ReplicaLag> lag) {
        return new MigrationView(
                id,
                phase,
                table,
                column,
                type,
                rowsDone,
                rowsTotal,
                batchesDone,
                batchesTotal,
                percent,
                rowsPerSecond,
                etaSeconds,
                detail,
                desired,
                pausedSince,
                waitingFor,
                createdAt,
                finishedAt,
                verification,
                plan,
                traceId,
                now,
                lag);
    }

    /** While the keyset walk goes on the number of ranges is not known yet: the row estimate says about how many. */
    private static long rangesExpected(MigrationRecord m) {
        long rows = m.rowsEstimate() == null ? 0 : m.rowsEstimate();
        return m.keyMin() == null
                ? 0
                : Math.max(1, (rows + m.plan().batchSize() - 1) / m.plan().batchSize());
    }

    static MigrationView of(MigrationRecord m, BatchTally tally, OffsetDateTime now) {
        long batchesTotal = m.batchesTotal() != null ? m.batchesTotal() : rangesExpected(m);
        long rowsTotal = m.rowsEstimate() == null ? 0 : m.rowsEstimate();
        double rate = 0;
        Long eta = null;
        if (m.backfillStartedAt() != null) {
            OffsetDateTime end = m.backfillFinishedAt() != null ? m.backfillFinishedAt() : now;
            double seconds =
                    Math.max(0.001, Duration.between(m.backfillStartedAt(), end).toMillis() / 1000.0);
            rate = tally.rows() / seconds;
            if (m.phase() == Phase.BACKFILLING && tally.batches() > 0) {
                eta = Math.round(seconds * (batchesTotal - tally.batches()) / tally.batches());
            }
        }
        JsonNode verification = null;
        if (m.verification() != null) {
            try {
                verification = EventCodec.mapper().readTree(m.verification());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return new MigrationView(
                m.id(),
                m.phase(),
                m.plan().qualifiedName(),
                m.plan().column(),
                m.plan().canonicalType(),
                tally.rows(),
                Math.max(rowsTotal, tally.rows()),
                tally.batches(),
                batchesTotal,
                ProgressPercent.of(m.phase(), tally.batches(), batchesTotal),
                Math.round(rate),
                eta,
                m.detail(),
                m.desired() == null ? null : m.desired().name(),
                m.pausedAt(),
                m.waitingFor(),
                m.createdAt(),
                m.finishedAt(),
                verification,
                m.plan().steps(),
                m.traceId(),
                null,
                null);
    }
}
