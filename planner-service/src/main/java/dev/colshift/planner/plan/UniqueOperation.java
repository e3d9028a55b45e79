package dev.colshift.planner.plan;

import static dev.colshift.planner.spec.Identifiers.quote;

import dev.colshift.schemas.Phase;
import java.util.List;

/**
 * {@code UNIQUE} or {@code PRIMARY KEY} on the new column without blocking writes: the unique index is built
 * concurrently, then attached as the constraint ({@code ADD CONSTRAINT ... USING INDEX}, a brief lock and no scan).
 * Runs after NOT NULL is enforced, which a primary key needs.
 */
public final class UniqueOperation implements Operation {
    @Override
    public List<PlanStep> steps(PlanInput in) {
        boolean primary = in.spec().isPrimaryKey();
        if (!primary && !in.spec().isUnique()) {
            return List.of();
        }
        String name = name(in);
        String index = in.inTableSchema(name);
        String kind = primary ? "PRIMARY KEY" : "UNIQUE";
        return List.of(
                PlanStep.concurrentIndex(
                        in.stepId(primary ? "build_primary_key_index" : "build_unique_index"),
                        Phase.CONTRACTING,
                        "build the unique index concurrently (reads and writes go on)",
                        "CREATE UNIQUE INDEX CONCURRENTLY " + quote(name) + " ON " + in.qualifiedTable() + " ("
                                + in.quotedColumn() + ")",
                        index),
                PlanStep.inTransaction(
                                in.stepId(primary ? "add_primary_key" : "add_unique_constraint"),
                                Phase.CONTRACTING,
                                "attach the index as the " + kind + " constraint (no scan)",
                                List.of(in.alterTable() + " ADD CONSTRAINT " + quote(name) + " " + kind
                                        + " USING INDEX " + quote(name)),
                                LockLevel.ACCESS_EXCLUSIVE,
                                false)
                        .undoneBy(Undo.inTransaction(
                                "drop the constraint and its index",
                                List.of(in.alterTable() + " DROP CONSTRAINT IF EXISTS " + quote(name)))));
    }

    /** PostgreSQL's names: {@code <table>_pkey} or {@code <table>_<column>_key}. */
    public static String name(PlanInput in) {
        return in.spec().isPrimaryKey()
                ? ObjectNames.of(in.facts().table(), null, "pkey")
                : ObjectNames.of(in.facts().table(), in.spec().column(), "key");
    }
}
