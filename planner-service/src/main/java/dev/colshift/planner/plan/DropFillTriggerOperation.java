package dev.colshift.planner.plan;

import dev.colshift.schemas.Phase;
import java.util.List;

/** Removes the fill-if-null trigger once every row holds a value (and NOT NULL, if asked for, is enforced). */
public final class DropFillTriggerOperation implements Operation {
    @Override
    public List<PlanStep> steps(PlanInput in) {
        if (!in.needsFillTrigger()) {
            return List.of();
        }
        return List.of(PlanStep.inTransaction(
                in.stepId("drop_fill_trigger"),
                Phase.CONTRACTING,
                "drop the fill-if-null trigger",
                List.of(
                        "DROP TRIGGER " + in.fillTrigger() + " ON " + in.qualifiedTable(),
                        "DROP FUNCTION " + in.fillFunction() + "()"),
                LockLevel.ACCESS_EXCLUSIVE,
                false));
    }
}
