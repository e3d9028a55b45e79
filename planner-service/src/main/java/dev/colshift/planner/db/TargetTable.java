package dev.colshift.planner.db;

import java.util.Set;

/** The live table a spec names, as read from the catalog. */
public record TargetTable(
        String schema, String table, String keyColumn, String keyType, Set<String> columns, int serverVersionNum) {}
