package dev.colshift.planner.plan;

import dev.colshift.schemas.Phase;
import java.util.ArrayList;
import java.util.List;

/**
 * The backfill path's first step: adds the column as nullable (metadata-only, whatever the default), sets the
 * default for new rows, creates a serial column's sequence, and installs the fill-if-null trigger where needed; all
 * in one transaction, so writers never see a half-expanded table.
 */
public final class ExpandOperation implements Operation {
    @Override
    public List<PlanStep> steps(PlanInput in) {
        if (in.path() != ColumnPath.BACKFILL) {
            return List.of();
        }
        List<String> sql = new ArrayList<>();
        if (in.needsFillTrigger()) {
            sql.add(FillTrigger.createFunction(
                    in.fillFunction(),
                    in.spec().column(),
                    in.spec().backfillExpression(),
                    in.facts().table()));
        }
        if (in.isSerial()) {
            sql.add("CREATE SEQUENCE " + in.sequence() + " AS " + in.columnType());
        }
        sql.add(in.alterTable() + " ADD COLUMN " + in.quotedColumn() + " " + in.columnType()
                + AddColumnOperation.collation(in));
        if (in.defaultExpression() != null) {
            sql.add(in.alterTable() + " ALTER COLUMN " + in.quotedColumn() + " SET DEFAULT (" + in.defaultExpression()
                    + ")");
        }
        if (in.isSerial()) {
            sql.add("ALTER SEQUENCE " + in.sequence() + " OWNED BY " + in.qualifiedTable() + "." + in.quotedColumn());
        }
        if (in.needsFillTrigger()) {
            sql.add(FillTrigger.createTrigger(
                    in.fillTrigger(), in.qualifiedTable(), in.spec().column(), in.fillFunction()));
        }
        return List.of(PlanStep.inTransaction(
                        in.stepId("expand"),
                        Phase.EXPANDING,
                        "add the column (nullable, metadata-only), its default for new rows"
                                + (in.needsFillTrigger() ? " and the fill-if-null trigger" : ""),
                        sql,
                        LockLevel.ACCESS_EXCLUSIVE,
                        false)
                .undoneBy(Undo.inTransaction("drop what expand added", undo(in)).keepingColumn(helpersOnly(in))));
    }

    private static List<String> helpersOnly(PlanInput in) {
        return in.needsFillTrigger()
                ? List.of(
                        "DROP TRIGGER IF EXISTS " + in.fillTrigger() + " ON " + in.qualifiedTable(),
                        "DROP FUNCTION IF EXISTS " + in.fillFunction() + "()")
                : List.of();
    }

    private static List<String> undo(PlanInput in) {
        List<String> sql = new ArrayList<>();
        if (in.needsFillTrigger()) {
            sql.add("DROP TRIGGER IF EXISTS " + in.fillTrigger() + " ON " + in.qualifiedTable());
            sql.add("DROP FUNCTION IF EXISTS " + in.fillFunction() + "()");
        }
        sql.add(in.alterTable() + " DROP COLUMN IF EXISTS " + in.quotedColumn());
        if (in.isSerial()) {
            sql.add("DROP SEQUENCE IF EXISTS " + in.sequence());
        }
        return sql;
    }
}
