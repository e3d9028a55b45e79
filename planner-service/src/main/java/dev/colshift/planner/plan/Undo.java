package dev.colshift.planner.plan;

import java.util.List;

/**
 * What takes a step back: statements that remove exactly what the step added, run under the same lock discipline.
 * Rollback runs the undo of every step done, in reverse order.
 *
 * @param withoutColumn for the step that adds the column, the statements that remove only its helpers (the fill
 *                      trigger and its function), for a failure's rollback that keeps a column the application may
 *                      already use; empty otherwise
 */
public record Undo(
        String purpose, List<String> statements, LockLevel lock, Execution execution, List<String> withoutColumn) {
    public Undo {
        statements = List.copyOf(statements);
        execution = execution == null ? Execution.IN_TRANSACTION : execution;
        withoutColumn = withoutColumn == null ? List.of() : List.copyOf(withoutColumn);
    }

    public Undo(String purpose, List<String> statements, LockLevel lock, Execution execution) {
        this(purpose, statements, lock, execution, List.of());
    }

    public static Undo inTransaction(String purpose, List<String> statements) {
        return new Undo(purpose, statements, LockLevel.ACCESS_EXCLUSIVE, Execution.IN_TRANSACTION);
    }

    public Undo keepingColumn(List<String> helpersOnly) {
        return new Undo(purpose, statements, lock, execution, helpersOnly);
    }
}
