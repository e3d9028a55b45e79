package dev.colshift.planner.plan;

import dev.colshift.schemas.Phase;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds the column as nullable (metadata-only, whatever the default), sets the default for new rows, and installs
 * the fill-if-null trigger where needed: all in one transaction, so writers never see a half-expanded table.
 */
public final class ExpandOperation implements Operation {
    @Override
    public List<PlanStep> steps(PlanInput in) {
        List<String> sql = new ArrayList<>();
        if (in.needsFillTrigger()) {
            sql.add(FillTrigger.createFunction(
                    in.fillFunction(),
                    in.spec().column(),
                    in.spec().backfillExpression(),
                    in.facts().table()));
        }
        sql.add("ALTER TABLE " + in.qualifiedTable() + " ADD COLUMN " + in.quotedColumn() + " "
                + in.facts().canonicalType());
        if (in.spec().defaultExpression() != null) {
            sql.add("ALTER TABLE " + in.qualifiedTable() + " ALTER COLUMN " + in.quotedColumn() + " SET DEFAULT ("
                    + in.spec().defaultExpression() + ")");
        }
        if (in.needsFillTrigger()) {
            sql.add(FillTrigger.createTrigger(in.fillTrigger(), in.qualifiedTable(), in.fillFunction()));
        }
        return List.of(new PlanStep(
                in.stepId("expand"),
                Phase.EXPANDING,
                "add the column (nullable, metadata-only), its default for new rows"
                        + (in.needsFillTrigger() ? " and the fill-if-null trigger" : ""),
                sql,
                LockLevel.ACCESS_EXCLUSIVE,
                false));
    }
}
