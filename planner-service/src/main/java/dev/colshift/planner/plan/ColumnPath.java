package dev.colshift.planner.plan;

/** How the column itself gets added: the cheapest way that is safe for this change. */
public enum ColumnPath {
    /** One {@code ADD COLUMN} under the lock timeout: PostgreSQL changes only the catalog. */
    METADATA_ONLY,
    /** Add it nullable, set the default for new rows, fill existing rows in key ranges, then enforce NOT NULL. */
    BACKFILL,
    /** One statement that rewrites the table, run only because the requester allowed that hazard. */
    DIRECT_REWRITE
}
