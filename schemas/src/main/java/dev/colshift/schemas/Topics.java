package dev.colshift.schemas;

/** Kafka topic names: part of colshift's public contract (see DESIGN.md, "Topics"). */
public final class Topics {
    public static final String MIGRATION_REQUESTS = "colshift.migration-requests";
    public static final String MIGRATION_PHASES = "colshift.migration-phases";
    public static final String BACKFILL_BATCHES = "colshift.backfill-batches";
    public static final String BACKFILL_PROGRESS = "colshift.backfill-progress";
    public static final String AUDIT = "colshift.audit";
    public static final String BACKFILL_BATCHES_DLQ = "colshift.backfill-batches.dlq";
    /** Requests the planner cannot read, with the reason in header {@code dead-letter-reason}. */
    public static final String MIGRATION_REQUESTS_DLQ = "colshift.migration-requests.dlq";

    private Topics() {}

    /** Key of a batch message: the migration id and the range, so one range always lands on one partition. */
    public static String batchKey(String migrationId, long rangeId) {
        return migrationId + ":" + rangeId;
    }
}
