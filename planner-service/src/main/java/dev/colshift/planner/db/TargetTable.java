package dev.colshift.planner.db;

import java.util.Set;

/**
 * The live table a spec names, as read from the catalog.
 *
 * @param keyColumn  the one-column integer primary key a backfill splits into ranges, or null
 * @param keyProblem why there is no such key, or null
 */
public record TargetTable(
        String schema,
        String table,
        String keyColumn,
        String keyType,
        String keyProblem,
        Set<String> columns,
        int serverVersionNum) {}
