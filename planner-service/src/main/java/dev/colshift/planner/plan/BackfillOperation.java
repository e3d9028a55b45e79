package dev.colshift.planner.plan;

import static dev.colshift.planner.spec.Identifiers.quote;

import dev.colshift.schemas.KeysetSql;
import dev.colshift.schemas.Phase;
import java.util.List;

/**
 * The per-range UPDATEs the workers run over keyset ranges of the table's key: bounds are parameters in text (lower
 * {@code $1..$n}, upper {@code $n+1..$2n}) cast by PostgreSQL to the key's types and compared as row values. Every
 * range is half-open but the last, which includes the key maximum captured at backfill start. The {@code IS NULL}
 * guard leaves every value the application wrote after expand untouched and makes a repeat a no-op.
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
                List.of(updateStatement(in), lastRangeStatement(in)),
                LockLevel.ROW_EXCLUSIVE,
                true));
    }

    /** The UPDATE of a range {@code lower <= key < upper}. */
    public static String updateStatement(PlanInput in) {
        return update(in, false);
    }

    /** The UPDATE of the last range, {@code lower <= key <= upper}. */
    public static String lastRangeStatement(PlanInput in) {
        return update(in, true);
    }

    private static String update(PlanInput in, boolean upperInclusive) {
        if (in.facts().key().isEmpty()) {
            throw new IllegalStateException("a backfill needs a key to walk");
        }
        KeysetSql keyset = new KeysetSql(in.qualifiedTable(), in.facts().key());
        return "UPDATE " + in.qualifiedTable() + " AS " + quote(in.facts().table())
                + " SET " + in.quotedColumn() + " = (" + in.backfillExpression() + ") WHERE "
                + keyset.rangeCondition(upperInclusive) + " AND " + in.quotedColumn() + " IS NULL";
    }
}
