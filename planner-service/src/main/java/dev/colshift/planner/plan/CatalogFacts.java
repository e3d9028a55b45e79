package dev.colshift.planner.plan;

/**
 * What the planner knows about the target after reading the catalog and rehearsing the change: the resolved table,
 * its single-column integer key, and the type as PostgreSQL spells it.
 */
public record CatalogFacts(
        String schema, String table, String keyColumn, String keyType, String canonicalType, int serverVersionNum) {}
