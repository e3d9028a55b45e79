package dev.colshift.planner.plan;

import static dev.colshift.planner.spec.Identifiers.quote;

import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.Phase;
import java.util.List;

/**
 * The column in one {@code ADD COLUMN} statement, with its default, NOT NULL and generation clause: the whole change
 * when PostgreSQL showed it to be metadata-only, or, when the requester allowed the hazard, a statement that rewrites
 * the table under its lock. Constraints and indexes are never inlined: their own operations add them without a long
 * lock.
 */
public final class AddColumnOperation implements Operation {
    @Override
    public List<PlanStep> steps(PlanInput in) {
        ColumnPath path = in.path();
        if (path == ColumnPath.BACKFILL) {
            return List.of();
        }
        boolean rewrites = path == ColumnPath.DIRECT_REWRITE;
        return List.of(PlanStep.inTransaction(
                        in.stepId("add_column"),
                        Phase.EXPANDING,
                        rewrites
                                ? "add the column in one statement that rewrites the table (hazard allowed)"
                                : "add the column: metadata-only, no row is rewritten",
                        List.of(statement(in)),
                        LockLevel.ACCESS_EXCLUSIVE,
                        rewrites)
                .undoneBy(Undo.inTransaction(
                        "drop the column", List.of(in.alterTable() + " DROP COLUMN IF EXISTS " + in.quotedColumn()))));
    }

    /** {@code ALTER TABLE t ADD COLUMN c type [COLLATE x] [DEFAULT (d)] [GENERATED ...] [NOT NULL]}. */
    public static String statement(PlanInput in) {
        MigrationSpec spec = in.spec();
        StringBuilder sql = new StringBuilder(in.alterTable())
                .append(" ADD COLUMN ")
                .append(in.quotedColumn())
                .append(' ')
                .append(in.columnType())
                .append(collation(in));
        if (spec.defaultExpression() != null) {
            sql.append(" DEFAULT (").append(spec.defaultExpression()).append(')');
        }
        if (spec.identity() != null) {
            sql.append(" GENERATED ").append(spec.identity()).append(" AS IDENTITY");
        }
        if (spec.generated() != null) {
            sql.append(" GENERATED ALWAYS AS (")
                    .append(spec.generated().expression())
                    .append(") ")
                    .append(in.isStoredGenerated() ? "STORED" : "VIRTUAL");
        }
        if (in.notNull()) {
            sql.append(" NOT NULL");
        }
        return sql.toString();
    }

    static String collation(PlanInput in) {
        String collation = in.spec().collation();
        return collation == null ? "" : " COLLATE " + quotedCollation(collation);
    }

    /** {@code "C"}, {@code "en_US"} or {@code pg_catalog."default"}: each part quoted. */
    private static String quotedCollation(String collation) {
        int dot = collation.indexOf('.');
        return dot < 0
                ? quote(collation)
                : quote(collation.substring(0, dot)) + "." + quote(collation.substring(dot + 1));
    }
}
