package dev.colshift.planner.plan;

import java.util.List;

/**
 * What takes a step back: statements that remove exactly what the step added, run under the same lock discipline.
 * Rollback runs the undo of every step done, in reverse order.
 */
public record Undo(String purpose, List<String> statements, LockLevel lock, Execution execution) {
    public Undo {
        statements = List.copyOf(statements);
        execution = execution == null ? Execution.IN_TRANSACTION : execution;
    }

    public static Undo inTransaction(String purpose, List<String> statements) {
        return new Undo(purpose, statements, LockLevel.ACCESS_EXCLUSIVE, Execution.IN_TRANSACTION);
    }
}
