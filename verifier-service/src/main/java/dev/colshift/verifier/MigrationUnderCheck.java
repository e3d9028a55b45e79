package dev.colshift.verifier;

import dev.colshift.schemas.HelperObjects;
import dev.colshift.schemas.KeyColumn;
import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.WatchedQuery;
import java.util.List;

/**
 * What the verifier knows about one migration, read from {@code colshift.migrations}: the requested change, the
 * planned steps and the key span the backfill was split over.
 *
 * @param id            the migration id, or null for a column added by hand (see {@link #adHoc})
 * @param canonicalType the column type as PostgreSQL spells it ({@code format_type}), from the plan; null when
 *                      there is no plan
 * @param backfillSql   the per-range UPDATE, or null when existing rows were left NULL
 * @param rangeLower    smallest key at backfill start, or null for an empty table (integer ranges)
 * @param key           the key walked in keyset ranges, or null for integer ranges (or no backfill)
 * @param keyMin        the smallest key at backfill start in text, one value per key column; null for an empty table
 * @param keyMax        the largest key at backfill start, likewise
 * @param watchQueries  the requester's watch queries with their plans before the migration (from the plan)
 */
public record MigrationUnderCheck(
        String id,
        MigrationSpec spec,
        String schema,
        String table,
        String column,
        String keyColumn,
        String canonicalType,
        List<PlannedStep> steps,
        String backfillSql,
        Long rangeLower,
        Long rangeUpper,
        Long batchesTotal,
        List<KeyColumn> key,
        List<String> keyMin,
        List<String> keyMax,
        List<WatchedQuery> watchQueries) {

    public MigrationUnderCheck {
        steps = List.copyOf(steps);
        watchQueries = watchQueries == null ? List.of() : List.copyOf(watchQueries);
    }

    /** A migration whose backfill was split into integer ranges (or that had none), without watch queries. */
    public MigrationUnderCheck(
            String id,
            MigrationSpec spec,
            String schema,
            String table,
            String column,
            String keyColumn,
            String canonicalType,
            List<PlannedStep> steps,
            String backfillSql,
            Long rangeLower,
            Long rangeUpper,
            Long batchesTotal) {
        this(
                id,
                spec,
                schema,
                table,
                column,
                keyColumn,
                canonicalType,
                steps,
                backfillSql,
                rangeLower,
                rangeUpper,
                batchesTotal,
                null,
                null,
                null,
                List.of());
    }

    /** Whether the backfill walked keyset ranges stored in {@code colshift.ranges}. */
    public boolean keysetRanges() {
        return key != null;
    }

    /** A column added by hand: no ledger, no plan, no backfill; only the checks that need none apply. */
    public static MigrationUnderCheck adHoc(MigrationSpec spec, String schema, String table, String keyColumn) {
        return new MigrationUnderCheck(
                null, spec, schema, table, spec.column(), keyColumn, null, List.of(), null, null, null, null);
    }

    /** Whether the migration is in the ledger (a plan, steps, batches and audit rows to check against). */
    public boolean ledgered() {
        return id != null;
    }

    /** {@code schema.table} as events show it. */
    public String tableName() {
        return schema + "." + table;
    }

    public String quotedTable() {
        return SqlNames.qualified(schema, table);
    }

    public String quotedColumn() {
        return SqlNames.quote(column);
    }

    /** The planner's helper {@code CHECK (col IS NOT NULL)} constraint, as named in the catalog. */
    public String notNullCheckName() {
        return SqlNames.catalogName(HelperObjects.notNullCheck(id));
    }

    /** The fill-if-null trigger and its function (in schema {@code colshift}) share this name. */
    public String fillTriggerName() {
        return SqlNames.catalogName(HelperObjects.fillTrigger(id));
    }
}
