package dev.colshift.planner.plan;

import static dev.colshift.planner.spec.Identifiers.quote;

import dev.colshift.schemas.MigrationSpec.IndexSpec;
import dev.colshift.schemas.Phase;
import java.util.ArrayList;
import java.util.List;

/**
 * Each requested index, built {@code CONCURRENTLY} outside a transaction once the column is filled (building it
 * earlier would make every backfilled row update it). Keys and predicate are user expressions that passed the
 * expression gate; PostgreSQL judges them in the rehearsal.
 */
public final class IndexOperation implements Operation {
    @Override
    public List<PlanStep> steps(PlanInput in) {
        List<PlanStep> steps = new ArrayList<>();
        List<IndexSpec> indexes = in.spec().indexList();
        for (int i = 0; i < indexes.size(); i++) {
            IndexSpec index = indexes.get(i);
            String name = name(in, index, i);
            StringBuilder create = new StringBuilder("CREATE ")
                    .append(index.isUnique() ? "UNIQUE " : "")
                    .append("INDEX CONCURRENTLY ")
                    .append(quote(name))
                    .append(" ON ")
                    .append(in.qualifiedTable());
            if (index.method() != null) {
                create.append(" USING ").append(quote(index.method()));
            }
            create.append(" (").append(String.join(", ", index.keys())).append(')');
            if (index.where() != null) {
                create.append(" WHERE (").append(index.where()).append(')');
            }
            steps.add(PlanStep.concurrentIndex(
                    in.stepId("build_index_" + name),
                    Phase.CONTRACTING,
                    "build the index concurrently (reads and writes go on)",
                    create.toString(),
                    in.inTableSchema(name)));
        }
        return steps;
    }

    /** The requested name, else {@code <table>_<column>_idx} (then {@code _idx1}, ...). */
    public static String name(PlanInput in, IndexSpec index, int position) {
        if (index.name() != null) {
            return index.name();
        }
        return ObjectNames.of(in.facts().table(), in.spec().column(), position == 0 ? "idx" : "idx" + position);
    }
}
