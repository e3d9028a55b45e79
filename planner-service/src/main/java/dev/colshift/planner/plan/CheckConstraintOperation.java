package dev.colshift.planner.plan;

import static dev.colshift.planner.spec.Identifiers.quote;

import dev.colshift.schemas.MigrationSpec.CheckSpec;
import dev.colshift.schemas.Phase;
import java.util.ArrayList;
import java.util.List;

/**
 * Each {@code CHECK} on the new column: added {@code NOT VALID} (a brief lock, no scan), then validated while reads
 * and writes go on. Inline in {@code ADD COLUMN} the check would be verified by a full scan under ACCESS EXCLUSIVE.
 */
public final class CheckConstraintOperation implements Operation {
    @Override
    public List<PlanStep> steps(PlanInput in) {
        List<PlanStep> steps = new ArrayList<>();
        List<CheckSpec> checks = in.spec().checkList();
        for (int i = 0; i < checks.size(); i++) {
            CheckSpec check = checks.get(i);
            String name = quote(name(in, check, i));
            String suffix = checks.size() == 1 ? "" : "_" + (i + 1);
            steps.add(PlanStep.inTransaction(
                            in.stepId("add_check" + suffix),
                            Phase.CONTRACTING,
                            "add CHECK (" + check.expression() + ") NOT VALID",
                            List.of(in.alterTable() + " ADD CONSTRAINT " + name + " CHECK (" + check.expression()
                                    + ") NOT VALID"),
                            LockLevel.ACCESS_EXCLUSIVE,
                            false)
                    .undoneBy(Undo.inTransaction(
                            "drop the check", List.of(in.alterTable() + " DROP CONSTRAINT IF EXISTS " + name))));
            steps.add(PlanStep.inTransaction(
                    in.stepId("validate_check" + suffix),
                    Phase.CONTRACTING,
                    "validate the check while the application reads and writes",
                    List.of(in.alterTable() + " VALIDATE CONSTRAINT " + name),
                    LockLevel.SHARE_UPDATE_EXCLUSIVE,
                    true));
        }
        return steps;
    }

    /** The requested name, else PostgreSQL's pattern: {@code <table>_<column>_check}, then {@code _check1}, .... */
    public static String name(PlanInput in, CheckSpec check, int index) {
        if (check.name() != null) {
            return check.name();
        }
        return ObjectNames.of(in.facts().table(), in.spec().column(), index == 0 ? "check" : "check" + index);
    }
}
