package dev.colshift.planner.plan;

import dev.colshift.schemas.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Marks the steps after which the application may rely on something new: the column exists, constraints are
 * enforced, indexes are ready. The driver announces {@link Phase#BACKFILL_COMPLETE} itself, when the last range is in.
 */
final class Milestones {
    private static final Set<String> CONSTRAINT_STEPS = Set.of(
            "add_check",
            "validate_check",
            "add_not_null_check",
            "validate_not_null_check",
            "set_not_null",
            "drop_not_null_check",
            "add_unique_constraint",
            "add_primary_key",
            "add_foreign_key",
            "validate_foreign_key");

    private Milestones() {}

    static List<PlanStep> mark(List<PlanStep> steps, boolean notNullInline) {
        int column = -1;
        int constraints = -1;
        int indexes = -1;
        for (int i = 0; i < steps.size(); i++) {
            String action = action(steps.get(i));
            if (column < 0 && (action.equals("add_column") || action.equals("expand"))) {
                column = i;
            } else if (CONSTRAINT_STEPS.contains(action)
                    || action.startsWith("validate_check")
                    || action.startsWith("add_check")) {
                constraints = i;
            } else if (action.startsWith("build_index")) {
                indexes = i;
            }
        }
        List<PlanStep> marked = new ArrayList<>(steps);
        if (constraints < 0 && notNullInline) {
            constraints = column;
        }
        for (int i = 0; i < marked.size(); i++) {
            List<Phase> reached = new ArrayList<>();
            if (i == column) {
                reached.add(Phase.COLUMN_AVAILABLE);
            }
            if (i == constraints) {
                reached.add(Phase.CONSTRAINTS_ENFORCED);
            }
            if (i == indexes) {
                reached.add(Phase.INDEX_READY);
            }
            if (!reached.isEmpty()) {
                marked.set(i, marked.get(i).announcing(reached));
            }
        }
        return marked;
    }

    private static String action(PlanStep step) {
        return step.id().substring(0, step.id().indexOf(':'));
    }
}
