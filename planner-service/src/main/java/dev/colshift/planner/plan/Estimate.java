package dev.colshift.planner.plan;

/**
 * How long a step should take on the live table, and what that figure rests on.
 *
 * @param millis the estimate; for a backfill, with one worker and no throttling
 * @param basis  how it was reached, in words
 */
public record Estimate(long millis, String basis) {

    /**
     * From the step's time on the rehearsal's sample, scaled to the table's rows where the step reads or writes every
     * row. The sample lives in a temporary table, which writes no WAL and is in memory: a lower bound for a busy
     * table on disk.
     */
    public static Estimate of(PlanStep step, Observation seen, long tableRows) {
        if (seen == null) {
            return null;
        }
        boolean perRow = step.phase() == dev.colshift.schemas.Phase.BACKFILLING || step.scansTable();
        if (!perRow || seen.sampleRows() == 0) {
            return new Estimate(
                    Math.max(1, seen.millis()),
                    "catalog only: as on the sample, plus up to the lock timeout per attempt while the lock is busy");
        }
        long rows = Math.max(tableRows, seen.sampleRows());
        long millis = Math.max(1, Math.round((double) seen.millis() * rows / seen.sampleRows()));
        return new Estimate(
                millis,
                seen.millis() + " ms for " + seen.sampleRows() + " sampled rows, scaled to " + rows
                        + " rows (a temporary copy writes no WAL: expect more on a busy table)");
    }
}
