package dev.colshift.planner.control;

import java.util.Set;

/** What the ledger says is done: the steps (and undo steps, as {@code undo:<step id>}) and the ranges. */
public record Progress(Set<String> stepsDone, long batchesDone, long rowsDone) {
    public Progress {
        stepsDone = Set.copyOf(stepsDone);
    }

    public static String undoId(String stepId) {
        return "undo:" + stepId;
    }

    /** The undo of a step's helpers only, when a failure's rollback keeps the column. */
    public static String helpersUndoId(String stepId) {
        return "undo-helpers:" + stepId;
    }
}
