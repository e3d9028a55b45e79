package dev.colshift.planner.plan;

/**
 * PostgreSQL's verdict on adding the column in one statement ({@code ADD COLUMN ... [DEFAULT ...] [NOT NULL]}),
 * observed on a one-row copy of the table: whether it rewrote the table or read every row. Neither means the single
 * statement is metadata-only and needs no backfill.
 */
public record ColumnProbe(boolean rewrites, boolean scans, boolean fastDefault) {
    public boolean metadataOnly() {
        return !rewrites && !scans;
    }
}
