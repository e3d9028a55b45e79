package dev.colshift.planner.api;

import dev.colshift.schemas.Phase;

/** How far a migration is, in percent (one decimal), from its phase and the ranges the batch ledger holds. */
final class ProgressPercent {
    private ProgressPercent() {}

    static double of(Phase phase, long batchesDone, long batchesTotal) {
        double percent = switch (phase) {
            case ACCEPTED, EXPANDING -> 0;
            case BACKFILLING -> batchesTotal == 0 ? 100 : Math.min(100, 100.0 * batchesDone / batchesTotal);
            default -> 100;
        };
        return Math.round(percent * 10) / 10.0;
    }
}
