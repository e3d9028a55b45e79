package dev.colshift.planner.control;

import java.util.Set;

/**
 * What the ledger says is done: the steps (and undo steps, as {@code undo:<step id>}) and the ranges; and the ranges a
 * worker gave up on that no one has re-driven yet, with the first one's reason.
 */
public record Progress(Set<String> stepsDone, long batchesDone, long rowsDone, DeadRanges deadRanges) {
    public Progress {
        stepsDone = Set.copyOf(stepsDone);
    }

    public Progress(Set<String> stepsDone, long batchesDone, long rowsDone) {
        this(stepsDone, batchesDone, rowsDone, DeadRanges.NONE);
    }

    public static String undoId(String stepId) {
        return "undo:" + stepId;
    }

    /** The undo of a step's helpers only, when a failure's rollback keeps the column. */
    public static String helpersUndoId(String stepId) {
        return "undo-helpers:" + stepId;
    }

    /** Dead-lettered ranges waiting for a redrive: how many, and the first by range id with its reason. */
    public record DeadRanges(long count, long firstRangeId, String firstReason) {
        public static final DeadRanges NONE = new DeadRanges(0, -1, null);
    }
}
