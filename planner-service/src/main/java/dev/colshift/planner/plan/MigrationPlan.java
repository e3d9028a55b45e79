package dev.colshift.planner.plan;

import dev.colshift.schemas.Phase;
import java.util.List;

/**
 * The ordered steps of one migration and what the backfill needs. Immutable; stored in the ledger as planned, so a
 * restarted planner runs the same plan.
 *
 * @param backfillStatement the parameterised per-range UPDATE, or null when existing rows stay NULL
 */
public record MigrationPlan(
        String migrationId,
        String schema,
        String table,
        String column,
        String keyColumn,
        String canonicalType,
        int batchSize,
        String backfillStatement,
        List<PlanStep> steps) {

    public MigrationPlan {
        steps = List.copyOf(steps);
    }

    public List<PlanStep> steps(Phase phase) {
        return steps.stream().filter(s -> s.phase() == phase).toList();
    }

    public String qualifiedName() {
        return schema + "." + table;
    }
}
