package dev.colshift.planner.db;

import dev.colshift.planner.control.DesiredState;
import dev.colshift.planner.plan.MigrationPlan;
import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.Phase;
import java.time.OffsetDateTime;

/**
 * One row of {@code colshift.migrations}: a migration's spec, plan, where it stands and what the operator wants of it.
 *
 * @param pausedFrom the phase a paused migration resumes in
 * @param waitingFor why the driver is waiting, when it is (a maintenance window, the verifier, a pause)
 * @param failure    why it failed, while the failure's rollback runs
 * @param keyMin     the smallest key at backfill start (text, one value per key column); null for an empty table or
 *                   a migration split into integer ranges before keyset ranges existed
 * @param keyMax     the largest key at backfill start, likewise
 * @param rangesWalked          whether the keyset walk has stored its last range
 * @param rangesPublishedBelow  stored ranges with a smaller id have been published since the backfill (re)started
 */
public record MigrationRecord(
        String id,
        MigrationSpec spec,
        MigrationPlan plan,
        Phase phase,
        String requestedBy,
        Long rangeLower,
        Long rangeUpper,
        Long batchesTotal,
        boolean batchesPublished,
        Long rowsEstimate,
        OffsetDateTime createdAt,
        OffsetDateTime backfillStartedAt,
        OffsetDateTime backfillFinishedAt,
        OffsetDateTime verifyRequestedAt,
        OffsetDateTime finishedAt,
        String detail,
        String verification,
        DesiredState desired,
        Phase pausedFrom,
        OffsetDateTime pausedAt,
        String waitingFor,
        String failure,
        java.util.List<String> keyMin,
        java.util.List<String> keyMax,
        boolean rangesWalked,
        long rangesPublishedBelow,
        String traceparent) {

    /** The id of the migration's OpenTelemetry trace (from its W3C traceparent), or null when it has none. */
    public String traceId() {
        return traceparent == null || traceparent.length() < 35 ? null : traceparent.substring(3, 35);
    }

    /** Whether the backfill is split into keyset ranges stored in {@code colshift.ranges}. */
    public boolean keysetRanges() {
        return plan.key() != null;
    }
}
