package dev.colshift.planner.plan;

import static dev.colshift.planner.spec.Identifiers.quote;

import dev.colshift.schemas.MigrationSpec.ForeignKeySpec;
import dev.colshift.schemas.Phase;
import java.util.List;

/**
 * {@code REFERENCES} on the new column: the foreign key is added {@code NOT VALID} once the backfill is done (a
 * brief SHARE ROW EXCLUSIVE lock on both tables, no scan; from then on every write is checked), then validated while
 * the application reads and writes. The referenced table and column are the catalog's, resolved at planning.
 */
public final class ForeignKeyOperation implements Operation {
    @Override
    public List<PlanStep> steps(PlanInput in) {
        ForeignKeySpec fk = in.spec().references();
        TableRef target = in.facts().referenced();
        if (fk == null || target == null) {
            return List.of();
        }
        String name = quote(name(in));
        StringBuilder add = new StringBuilder(in.alterTable())
                .append(" ADD CONSTRAINT ")
                .append(name)
                .append(" FOREIGN KEY (")
                .append(in.quotedColumn())
                .append(") REFERENCES ")
                .append(target.quotedTable())
                .append(" (")
                .append(target.quotedColumn())
                .append(')');
        if (fk.onDelete() != null) {
            add.append(" ON DELETE ").append(fk.onDelete());
        }
        if (fk.onUpdate() != null) {
            add.append(" ON UPDATE ").append(fk.onUpdate());
        }
        if (fk.deferrable() != null) {
            add.append(' ').append(fk.deferrable());
        }
        add.append(" NOT VALID");
        return List.of(
                PlanStep.inTransaction(
                                in.stepId("add_foreign_key"),
                                Phase.CONTRACTING,
                                "add the foreign key NOT VALID (new writes are checked from here on)",
                                List.of(add.toString()),
                                LockLevel.SHARE_ROW_EXCLUSIVE,
                                false)
                        .undoneBy(Undo.inTransaction(
                                "drop the foreign key",
                                List.of(in.alterTable() + " DROP CONSTRAINT IF EXISTS " + name))),
                PlanStep.inTransaction(
                        in.stepId("validate_foreign_key"),
                        Phase.CONTRACTING,
                        "validate the foreign key while the application reads and writes",
                        List.of(in.alterTable() + " VALIDATE CONSTRAINT " + name),
                        LockLevel.SHARE_UPDATE_EXCLUSIVE,
                        true));
    }

    public static String name(PlanInput in) {
        ForeignKeySpec fk = in.spec().references();
        return fk.name() != null
                ? fk.name()
                : ObjectNames.of(in.facts().table(), in.spec().column(), "fkey");
    }
}
