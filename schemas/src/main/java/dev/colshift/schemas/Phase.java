package dev.colshift.schemas;

/**
 * Where a migration is, and the milestones announced on the way. The names are wire values: add new ones, never
 * rename. Milestones ({@link #COLUMN_AVAILABLE}, {@link #BACKFILL_COMPLETE}, {@link #CONSTRAINTS_ENFORCED}, {@link
 * #INDEX_READY}) are events a deploy pipeline can gate on, never a migration's recorded phase.
 */
public enum Phase {
    ACCEPTED,
    EXPANDING,
    BACKFILLING,
    CONTRACTING,
    VERIFYING,
    VERIFIED,
    VERIFICATION_FAILED,
    COMPLETED,
    FAILED,
    /** A request that was refused before anything ran (answered on the phases topic, with the reason). */
    REJECTED,
    /** The column exists: code that reads and writes it may be deployed. */
    COLUMN_AVAILABLE,
    /** Every existing row holds its value: code may rely on the column being filled. */
    BACKFILL_COMPLETE,
    /** NOT NULL, checks, unique keys and foreign keys are enforced and valid: writes that break them now fail. */
    CONSTRAINTS_ENFORCED,
    /** The requested indexes are valid: queries may rely on them. */
    INDEX_READY,
    /** Stopped on request: no step runs, no range is started, no lock or transaction is held. */
    PAUSED,
    /** Stopped on request at a consistent point; what was done stays until it is rolled back. */
    CANCELLED,
    /** Taking back what was done, step by step in reverse, under the same lock discipline. */
    ROLLING_BACK,
    /** Everything the migration added is gone: the table's definition is what it was before. */
    ROLLED_BACK;

    /** No further step runs by itself (a rollback may still be asked for). */
    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == REJECTED || this == CANCELLED || this == ROLLED_BACK;
    }

    /** Workers fill ranges only in this phase; in any other (paused, cancelled, rolling back, ...) they hold off. */
    public boolean rangesMayRun() {
        return this == BACKFILLING;
    }

    /** The phase as the ledger records it, or null for a name this version does not know (a newer planner's). */
    public static Phase recorded(String name) {
        for (Phase phase : values()) {
            if (phase.name().equals(name)) {
                return phase;
            }
        }
        return null;
    }

    /** What the application may do from this point on, for the milestones; null for the other phases. */
    public String applicationMay() {
        return switch (this) {
            case COLUMN_AVAILABLE ->
                "deploy code that reads and writes the column (reading NULL until the backfill"
                        + " is complete, where there is one)";
            case BACKFILL_COMPLETE -> "rely on every existing row holding its value";
            case CONSTRAINTS_ENFORCED ->
                "rely on NOT NULL, checks, unique keys and foreign keys: PostgreSQL" + " enforces them on every write";
            case INDEX_READY -> "run the queries that need the new indexes";
            case VERIFIED, COMPLETED -> "rely on everything the change asked for; it has been verified";
            default -> null;
        };
    }
}
