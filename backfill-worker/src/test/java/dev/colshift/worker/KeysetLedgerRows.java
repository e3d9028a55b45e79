package dev.colshift.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.KeyColumn;
import dev.colshift.schemas.KeyRange;
import dev.colshift.schemas.KeysetSql;
import java.util.List;

/** The ledger rows the planner writes for a keyset backfill, as SQL a test runs: a migration and its stored ranges. */
final class KeysetLedgerRows {
    private KeysetLedgerRows() {}

    /** A BACKFILLING migration of {@code public.table} whose walk is complete with {@code ranges} ranges. */
    static String migration(
            String id, String table, String column, String expression, List<KeyColumn> key, int batchSize, int ranges)
            throws JsonProcessingException {
        KeysetSql keyset = KeysetSql.of("public", table, key);
        String update = "UPDATE " + keyset.table() + " SET \"" + column + "\" = (" + expression + ") WHERE ";
        String guard = " AND \"" + column + "\" IS NULL";
        return "INSERT INTO colshift.migrations (id, spec, plan, table_schema, table_name, column_name, backfill_sql,"
                + " backfill_last_sql, key_columns, batch_size, phase, requested_by, ranges_walked, batches_total)"
                + " VALUES ('" + id + "', '{}', '{}', 'public', '" + table + "', '" + column + "', '"
                + (update + keyset.rangeCondition(false) + guard).replace("'", "''") + "', '"
                + (update + keyset.rangeCondition(true) + guard).replace("'", "''") + "', '"
                + EventCodec.mapper().writeValueAsString(key) + "', " + batchSize + ", 'BACKFILLING', 'test', true, "
                + ranges + ")";
    }

    static String storedRange(String migrationId, KeyRange range) {
        return "INSERT INTO colshift.ranges (migration_id, range_id, lower_key, upper_key, upper_inclusive) VALUES ('"
                + migrationId + "', " + range.rangeId() + ", ARRAY['" + String.join("','", range.lower())
                + "'], ARRAY['" + String.join("','", range.upper()) + "'], " + range.upperInclusive() + ")";
    }
}
