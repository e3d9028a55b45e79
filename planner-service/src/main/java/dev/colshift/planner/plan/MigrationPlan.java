package dev.colshift.planner.plan;

import dev.colshift.planner.lint.Finding;
import dev.colshift.schemas.KeyColumn;
import dev.colshift.schemas.Phase;
import dev.colshift.schemas.StoredPlan;
import dev.colshift.schemas.WatchedQuery;
import java.util.List;

/**
 * The ordered steps of one migration and what the backfill needs. Immutable; stored in the ledger as planned, so a
 * restarted planner runs the same plan. What the verifier reads of it is the versioned contract {@link StoredPlan}
 * ({@code stored-plan-v1.schema.json}); the rest (observations, estimates, undo, findings) is the planner's own.
 *
 * @param schemaVersion     the {@link StoredPlan} version this plan satisfies
 * @param keyColumn         the key's column names as reports show them (comma-separated), or null
 * @param key               the key the backfill walks in keyset ranges, in index order; null in plans made before
 *                          keyset ranges (a single integer key, split arithmetically)
 * @param backfillStatement the parameterised per-range UPDATE, or null when existing rows stay NULL
 * @param lastRangeStatement the UPDATE of the last range, whose upper bound (the captured key maximum) is included
 * @param findings          what the lint rules found (none of it blocking, or the plan would not exist)
 * @param lockTimeoutMillis the lock_timeout every in-transaction step runs under (each attempt, retried with
 *                          backoff); a step outside a transaction takes no lock that blocks reads or writes, and waits
 *                          for its locks as long as it takes
 * @param watchQueries      the spec's watch queries with the plans PostgreSQL chose for them before anything changed
 */
public record MigrationPlan(
        int schemaVersion,
        String migrationId,
        String schema,
        String table,
        String column,
        String keyColumn,
        List<KeyColumn> key,
        String canonicalType,
        int batchSize,
        String backfillStatement,
        String lastRangeStatement,
        List<PlanStep> steps,
        List<Finding> findings,
        Long lockTimeoutMillis,
        List<WatchedQuery> watchQueries) {

    public MigrationPlan {
        schemaVersion = StoredPlan.SCHEMA_VERSION;
        steps = List.copyOf(steps);
        watchQueries = watchQueries == null ? List.of() : List.copyOf(watchQueries);
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    public List<PlanStep> steps(Phase phase) {
        return steps.stream().filter(s -> s.phase() == phase).toList();
    }

    public String qualifiedName() {
        return schema + "." + table;
    }

    public MigrationPlan withSteps(List<PlanStep> observed) {
        return with(observed, findings, lockTimeoutMillis, watchQueries);
    }

    public MigrationPlan withFindings(List<Finding> lint) {
        return with(steps, lint, lockTimeoutMillis, watchQueries);
    }

    public MigrationPlan withLockTimeout(java.time.Duration lockTimeout) {
        return with(steps, findings, lockTimeout.toMillis(), watchQueries);
    }

    public MigrationPlan withWatchQueries(List<WatchedQuery> explained) {
        return with(steps, findings, lockTimeoutMillis, explained);
    }

    /** The same plan with what intake learns after planning: observed steps, lint, the lock timeout, watch plans. */
    private MigrationPlan with(
            List<PlanStep> newSteps, List<Finding> newFindings, Long newLockTimeoutMillis, List<WatchedQuery> queries) {
        return new MigrationPlan(
                schemaVersion,
                migrationId,
                schema,
                table,
                column,
                keyColumn,
                key,
                canonicalType,
                batchSize,
                backfillStatement,
                lastRangeStatement,
                newSteps,
                newFindings,
                newLockTimeoutMillis,
                queries);
    }

    /** {@code "schema"."table"}, as {@code to_regclass} reads it. */
    public String qualifiedTableText() {
        return dev.colshift.planner.spec.Identifiers.qualified(schema, table);
    }
}
