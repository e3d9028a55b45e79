package dev.colshift.planner.api;

import dev.colshift.schemas.Phase;

/** How far a migration is, in percent (one decimal), from its phase and the ranges the batch ledger holds. */
final class ProgressPercent {
    private ProgressPercent() {}

    static double of(Phase phase, long batchesDone, long batchesTotal) {
        double rangesDone = batchesTotal == 0 ? 0 : Math.min(100, 100.0 * batchesDone / batchesTotal);
        double percent = switch (phase) {
            case ACCEPTED, EXPANDING -> 0;
            case BACKFILLING -> batchesTotal == 0 ? 100 : rangesDone;
            // stopped or taken back part-way: as far as its ranges got, not done
            case PAUSED, CANCELLED, FAILED, ROLLING_BACK, ROLLED_BACK -> rangesDone;
            default -> 100;
        };
        return Math.round(percent * 10) / 10.0;
    }
}
