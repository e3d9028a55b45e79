package dev.colshift.planner.plan;

/**
 * What the planner knows about the target after reading the catalog and probing the change: the resolved table, its
 * key, the type as PostgreSQL spells it, and PostgreSQL's verdict on adding the column in one statement.
 *
 * @param probe        the one-statement verdict; null when unknown, which plans the backfill (never the cheaper
 *                     guess)
 * @param referenced   the resolved target of the column's foreign key, or null
 * @param helperSchema where the planner's helper functions and sequences' owner objects go ({@code colshift}; the
 *                     rehearsal uses {@code pg_temp})
 */
public record CatalogFacts(
        String schema,
        String table,
        String keyColumn,
        String keyType,
        String canonicalType,
        int serverVersionNum,
        ColumnProbe probe,
        TableRef referenced,
        String helperSchema) {

    public CatalogFacts(
            String schema, String table, String keyColumn, String keyType, String canonicalType, int serverVersionNum) {
        this(schema, table, keyColumn, keyType, canonicalType, serverVersionNum, null, null, null);
    }

    public CatalogFacts withProbe(ColumnProbe verdict) {
        return new CatalogFacts(
                schema, table, keyColumn, keyType, canonicalType, serverVersionNum, verdict, referenced, helperSchema);
    }

    public CatalogFacts withCanonicalType(String type) {
        return new CatalogFacts(
                schema, table, keyColumn, keyType, type, serverVersionNum, probe, referenced, helperSchema);
    }
}
