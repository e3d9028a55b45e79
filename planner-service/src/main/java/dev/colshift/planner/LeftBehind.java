package dev.colshift.planner;

import dev.colshift.planner.db.MigrationRecord;
import dev.colshift.planner.plan.PlanStep;
import java.util.ArrayList;
import java.util.List;

/** What a failed migration leaves on the table, and the command that removes it, for the operator to read. */
final class LeftBehind {
    private LeftBehind() {}

    static String describe(MigrationRecord m) {
        List<String> undo = new ArrayList<>();
        List<PlanStep> steps = m.plan().steps();
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (steps.get(i).undo() != null) {
                undo.addAll(steps.get(i).undo().statements());
            }
        }
        return "what it may have left behind is removed by POST /migrations/" + m.id() + "/rollback, which runs: "
                + String.join("; ", undo);
    }
}
