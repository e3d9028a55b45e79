package dev.colshift.planner.plan;

import dev.colshift.schemas.Phase;
import java.util.List;

/**
 * Makes the column NOT NULL without a long lock: a {@code NOT VALID} check (brief lock), validated while reads and
 * writes go on, which lets {@code SET NOT NULL} skip its scan (PostgreSQL 12+); then the helper check is dropped.
 * Only the backfill path needs it: a metadata-only column gets NOT NULL in its own statement.
 */
public final class NotNullContractOperation implements Operation {
    @Override
    public List<PlanStep> steps(PlanInput in) {
        if (!in.notNull() || in.path() != ColumnPath.BACKFILL) {
            return List.of();
        }
        String table = "ALTER TABLE " + in.qualifiedTable();
        String check = in.notNullCheck();
        return List.of(
                PlanStep.inTransaction(
                                in.stepId("add_not_null_check"),
                                Phase.CONTRACTING,
                                "add CHECK (col IS NOT NULL) NOT VALID",
                                List.of(table + " ADD CONSTRAINT " + check + " CHECK (" + in.quotedColumn()
                                        + " IS NOT NULL) NOT VALID"),
                                LockLevel.ACCESS_EXCLUSIVE,
                                false)
                        .undoneBy(Undo.inTransaction(
                                "drop the helper check", List.of(table + " DROP CONSTRAINT IF EXISTS " + check))),
                PlanStep.inTransaction(
                        in.stepId("validate_not_null_check"),
                        Phase.CONTRACTING,
                        "validate the check while the application reads and writes",
                        List.of(table + " VALIDATE CONSTRAINT " + check),
                        LockLevel.SHARE_UPDATE_EXCLUSIVE,
                        true),
                PlanStep.inTransaction(
                                in.stepId("set_not_null"),
                                Phase.CONTRACTING,
                                "SET NOT NULL, proven by the valid check",
                                List.of(table + " ALTER COLUMN " + in.quotedColumn() + " SET NOT NULL"),
                                LockLevel.ACCESS_EXCLUSIVE,
                                false)
                        .undoneBy(Undo.inTransaction(
                                "allow NULL again",
                                List.of(table + " ALTER COLUMN " + in.quotedColumn() + " DROP NOT NULL"))),
                PlanStep.inTransaction(
                        in.stepId("drop_not_null_check"),
                        Phase.CONTRACTING,
                        "drop the helper check",
                        List.of(table + " DROP CONSTRAINT " + check),
                        LockLevel.ACCESS_EXCLUSIVE,
                        false));
    }
}
