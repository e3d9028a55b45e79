package dev.colshift.planner.db;

import dev.colshift.schemas.KeyColumn;
import java.util.List;
import java.util.Set;

/**
 * The live table a spec names, as read from the catalog.
 *
 * @param key        the columns a backfill walks in keyset ranges (see {@link TableKeys}), or empty
 * @param keyProblem why there is no such key, or null
 */
public record TargetTable(
        String schema,
        String table,
        List<KeyColumn> key,
        String keyProblem,
        Set<String> columns,
        int serverVersionNum) {}
