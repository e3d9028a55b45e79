package dev.colshift.worker;

import dev.colshift.schemas.BatchRanges;
import dev.colshift.schemas.Phase;

/**
 * What the migration ledger says about a migration's backfill: the validated UPDATE and the ranges it was split
 * into. A batch message is checked against it, so a forged or corrupted message can name no other range.
 */
public record BackfillTarget(
        String migrationId,
        String phase,
        String backfillSql,
        Long rangeLower,
        Long rangeUpper,
        Long batchesTotal,
        int batchSize) {

    /** Whether a worker may fill this migration's ranges now, by the phase rules the planner uses too. */
    public boolean rangesMayRun() {
        Phase recorded = Phase.recorded(phase);
        return recorded != null && recorded.rangesMayRun();
    }

    /** Why the range is not one this migration planned, or null when it is. */
    public String rangeProblem(long rangeId, long lowerBound, long upperBound) {
        if (backfillSql == null || rangeLower == null || batchesTotal == null) {
            return "migration " + migrationId + " has no backfill ranges";
        }
        if (rangeId >= batchesTotal) {
            return "range " + rangeId + " is outside 0.." + (batchesTotal - 1);
        }
        return new BatchRanges(rangeLower, rangeUpper, batchSize).problemWith(rangeId, lowerBound, upperBound);
    }
}
