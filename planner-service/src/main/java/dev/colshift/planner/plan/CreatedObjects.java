package dev.colshift.planner.plan;

import dev.colshift.schemas.MigrationSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The names of the relations (indexes, sequences) and constraints a change creates, so the planner can make sure none
 * exists before it starts: colshift never takes over or drops an object it did not create.
 */
public record CreatedObjects(List<String> relations, List<String> constraints) {

    public static CreatedObjects of(PlanInput in) {
        MigrationSpec spec = in.spec();
        List<String> relations = new ArrayList<>();
        List<String> constraints = new ArrayList<>();
        if (in.isSerial()) {
            relations.add(ObjectNames.of(in.facts().table(), spec.column(), "seq"));
        }
        for (int i = 0; i < spec.checkList().size(); i++) {
            constraints.add(CheckConstraintOperation.name(in, spec.checkList().get(i), i));
        }
        if (spec.isUnique() || spec.isPrimaryKey()) {
            relations.add(UniqueOperation.name(in));
            constraints.add(UniqueOperation.name(in));
        }
        if (spec.references() != null) {
            constraints.add(ForeignKeyOperation.name(in));
        }
        for (int i = 0; i < spec.indexList().size(); i++) {
            relations.add(IndexOperation.name(in, spec.indexList().get(i), i));
        }
        return new CreatedObjects(List.copyOf(relations), List.copyOf(constraints));
    }
}
