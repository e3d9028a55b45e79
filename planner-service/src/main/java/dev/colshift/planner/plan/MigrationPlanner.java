package dev.colshift.planner.plan;

import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.StoredPlan;
import java.util.List;

/** Turns a linted spec and the catalog facts into the plan: a pure function, the same input giving the same plan. */
public final class MigrationPlanner {
    /** In execution order; adding a kind of change is adding an operation here. */
    private static final List<Operation> OPERATIONS = List.of(
            new AddColumnOperation(),
            new ExpandOperation(),
            new BackfillOperation(),
            new NotNullContractOperation(),
            new DropFillTriggerOperation(),
            new CheckConstraintOperation(),
            new UniqueOperation(),
            new ForeignKeyOperation(),
            new IndexOperation(),
            new CommentOperation());

    private MigrationPlanner() {}

    public static MigrationPlan plan(String migrationId, MigrationSpec spec, CatalogFacts facts, int defaultBatchSize) {
        PlanInput input = new PlanInput(migrationId, spec, facts);
        List<PlanStep> steps = Milestones.mark(
                OPERATIONS.stream().flatMap(op -> op.steps(input).stream()).toList(),
                input.notNull() && input.path() != ColumnPath.BACKFILL);
        int batchSize = spec.batchSize() != null ? spec.batchSize() : defaultBatchSize;
        boolean backfills = input.needsBackfill();
        return new MigrationPlan(
                StoredPlan.SCHEMA_VERSION,
                migrationId,
                facts.schema(),
                facts.table(),
                spec.column(),
                facts.keyNames(),
                facts.key().isEmpty() ? null : facts.key(),
                input.columnType(),
                batchSize,
                backfills ? BackfillOperation.updateStatement(input) : null,
                backfills ? BackfillOperation.lastRangeStatement(input) : null,
                steps,
                List.of(),
                null,
                List.of());
    }
}
