package dev.colshift.planner.plan;

import dev.colshift.schemas.KeyColumn;
import java.util.List;

/**
 * What the planner knows about the target after reading the catalog and probing the change: the resolved table, its
 * key, the type as PostgreSQL spells it, and PostgreSQL's verdict on adding the column in one statement.
 *
 * @param key          the columns a backfill walks in keyset ranges (the primary key, or a unique index over NOT NULL
 *                     columns), in index order; empty when the table has none
 * @param probe        the one-statement verdict; null when unknown, which plans the backfill (never the cheaper
 *                     guess)
 * @param referenced   the resolved target of the column's foreign key, or null
 * @param helperSchema where the planner's helper functions and sequences' owner objects go ({@code colshift}; the
 *                     rehearsal uses {@code pg_temp})
 */
public record CatalogFacts(
        String schema,
        String table,
        List<KeyColumn> key,
        String canonicalType,
        int serverVersionNum,
        ColumnProbe probe,
        TableRef referenced,
        String helperSchema) {

    public CatalogFacts {
        key = key == null ? List.of() : List.copyOf(key);
    }

    /** A table keyed by one column. */
    public CatalogFacts(
            String schema, String table, String keyColumn, String keyType, String canonicalType, int serverVersionNum) {
        this(
                schema,
                table,
                keyColumn == null ? List.of() : List.of(new KeyColumn(keyColumn, keyType)),
                canonicalType,
                serverVersionNum,
                null,
                null,
                null);
    }

    public CatalogFacts withProbe(ColumnProbe verdict) {
        return new CatalogFacts(schema, table, key, canonicalType, serverVersionNum, verdict, referenced, helperSchema);
    }

    public CatalogFacts withCanonicalType(String type) {
        return new CatalogFacts(schema, table, key, type, serverVersionNum, probe, referenced, helperSchema);
    }

    /** The key's column names, comma-separated, as plans and reports show it; null when there is no key. */
    public String keyNames() {
        return key.isEmpty()
                ? null
                : String.join(", ", key.stream().map(KeyColumn::name).toList());
    }
}
