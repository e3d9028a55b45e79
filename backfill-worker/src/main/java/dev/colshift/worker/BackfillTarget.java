package dev.colshift.worker;

import dev.colshift.schemas.BackfillBatch;
import dev.colshift.schemas.BatchRanges;
import dev.colshift.schemas.KeyRange;
import dev.colshift.schemas.KeysetSql;
import dev.colshift.schemas.KeysetWalk;
import dev.colshift.schemas.Phase;

/**
 * What the migration ledger says about a migration's backfill: the validated UPDATEs and how its key was split. A
 * batch message is checked against it, so a forged or corrupted message can name no other range.
 *
 * @param backfillLastSql the UPDATE of the last keyset range (upper bound included); null for integer ranges
 * @param keyset          the walk over the table's key when the ranges are stored keyset ranges
 *                        ({@code colshift.ranges}); null when the integer span {@code rangeLower..rangeUpper} is split
 *                        arithmetically (migrations planned before keyset ranges)
 * @param walkBatchSize   the rows an adaptive walk puts in a range now; null: the plan's {@code batchSize}
 */
public record BackfillTarget(
        String migrationId,
        String phase,
        String backfillSql,
        Long rangeLower,
        Long rangeUpper,
        Long batchesTotal,
        int batchSize,
        String backfillLastSql,
        KeysetSql keyset,
        Integer walkBatchSize) {

    /** Whether the ranges are stored keyset ranges. */
    public boolean keysetRanges() {
        return keyset != null;
    }

    /**
     * About how many rows a range holds, erring low: what a split into pieces starts from. An adaptive walk may have
     * stored the range at another size than it uses now, so the smaller of that and the plan's; a range split too
     * finely only takes more pieces, one split too coarsely runs into the timeout again.
     */
    public int rangeRows() {
        return Math.max(1, walkBatchSize != null ? Math.min(walkBatchSize, batchSize) : batchSize);
    }

    /** Whether a worker may fill this migration's ranges now, by the phase rules the planner uses too. */
    public boolean rangesMayRun() {
        Phase recorded = Phase.recorded(phase);
        return recorded != null && recorded.rangesMayRun();
    }

    /** A migration split into integer ranges. */
    public BackfillTarget(
            String migrationId,
            String phase,
            String backfillSql,
            Long rangeLower,
            Long rangeUpper,
            Long batchesTotal,
            int batchSize) {
        this(migrationId, phase, backfillSql, rangeLower, rangeUpper, batchesTotal, batchSize, null, null, null);
    }

    /**
     * Why the message names no range this migration planned, or null when it names one.
     *
     * @param stored the stored keyset range with the message's id, or null (none, or integer ranges)
     */
    public String rangeProblem(BackfillBatch batch, KeyRange stored) {
        if (keyset == null) {
            if (!batch.integerBounds()) {
                return "migration " + migrationId + " is split into integer ranges; " + batch.describe()
                        + " is not one";
            }
            return rangeProblem(batch.rangeId(), batch.lowerBound(), batch.upperBound());
        }
        if (backfillSql == null || backfillLastSql == null) {
            return "migration " + migrationId + " has no backfill ranges";
        }
        return KeysetWalk.problemWith(stored, batch);
    }

    /** Why the integer range is not one this migration planned, or null when it is. */
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
