package dev.colshift.planner.plan;

import static dev.colshift.planner.spec.Identifiers.quote;

import dev.colshift.schemas.Phase;
import java.util.List;

/**
 * The per-range UPDATE the workers run, parameterised by the range bounds ($1 inclusive, $2 exclusive; bigint even
 * for an integer key, whose last exclusive bound may be 2^31). The
 * {@code IS NULL} guard leaves every value the application wrote after expand untouched and makes a repeat a no-op.
 */
public final class BackfillOperation implements Operation {
    @Override
    public List<PlanStep> steps(PlanInput in) {
        if (!in.needsBackfill()) {
            return List.of();
        }
        return List.of(PlanStep.inTransaction(
                in.stepId("backfill"),
                Phase.BACKFILLING,
                "fill existing rows in key ranges, one worker transaction per range",
                List.of(updateStatement(in)),
                LockLevel.ROW_EXCLUSIVE,
                true));
    }

    public static String updateStatement(PlanInput in) {
        String key = quote(in.facts().keyColumn());
        return "UPDATE " + in.qualifiedTable() + " AS " + quote(in.facts().table()) + " SET " + in.quotedColumn()
                + " = (" + in.backfillExpression() + ") WHERE " + key + " >= $1::bigint AND " + key
                + " < $2::bigint AND " + in.quotedColumn() + " IS NULL";
    }
}
