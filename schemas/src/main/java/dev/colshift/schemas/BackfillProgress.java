package dev.colshift.schemas;

import java.time.Instant;

/**
 * A worker finished a range. {@code alreadyDone} marks a redelivered range the ledger already held: nothing was
 * updated the second time.
 */
public record BackfillProgress(
        String type,
        int schemaVersion,
        String eventId,
        String migrationId,
        Instant occurredAt,
        long rangeId,
        long rowsUpdated,
        long durationMillis,
        int attempt,
        String workerId,
        boolean alreadyDone)
        implements Event {

    public static final String TYPE = "backfill-progress";
    public static final int SCHEMA_VERSION = 1;

    public static BackfillProgress of(
            String migrationId,
            long rangeId,
            long rowsUpdated,
            long durationMillis,
            int attempt,
            String workerId,
            boolean alreadyDone) {
        return new BackfillProgress(
                TYPE,
                SCHEMA_VERSION,
                Envelope.newEventId(),
                migrationId,
                Envelope.now(),
                rangeId,
                rowsUpdated,
                durationMillis,
                attempt,
                workerId,
                alreadyDone);
    }
}
