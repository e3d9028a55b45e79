package dev.colshift.planner.lint;

import java.util.List;

/**
 * What only the live catalog knows about the target table, read just before planning.
 *
 * @param rowsEstimate        {@code pg_class.reltuples} (0 when never analysed)
 * @param totalBytes          {@code pg_total_relation_size}
 * @param partitioned         whether it is a partitioned table
 * @param rowTriggers         user {@code FOR EACH ROW} triggers that fire on UPDATE (a backfill fires them per row)
 * @param indexLeadingColumns the leading column of each valid index on the table
 * @param indexKeys           each index's key columns as {@code pg_get_indexdef} prints them, comma-joined
 * @param longTransactions    client sessions whose transaction is older than a minute: "pid N, open M s"
 */
public record TableStats(
        long rowsEstimate,
        long totalBytes,
        boolean partitioned,
        List<String> rowTriggers,
        List<String> indexLeadingColumns,
        List<String> indexKeys,
        List<String> longTransactions) {

    public static TableStats unknown() {
        return new TableStats(0, 0, false, List.of(), List.of(), List.of(), List.of());
    }
}
