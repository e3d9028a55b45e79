package dev.colshift.schemas;

import java.time.Instant;

/**
 * One key range to backfill: {@code lowerBound <= key < upperBound}. Carries no SQL; the worker reads the validated
 * statement from the migration ledger, so a forged message can at worst name a range.
 */
public record BackfillBatch(
        String type,
        int schemaVersion,
        String eventId,
        String migrationId,
        Instant occurredAt,
        long rangeId,
        long lowerBound,
        long upperBound)
        implements Event {

    public static final String TYPE = "backfill-batch";
    public static final int SCHEMA_VERSION = 1;

    public static BackfillBatch of(String migrationId, long rangeId, long lowerBound, long upperBound) {
        return new BackfillBatch(
                TYPE,
                SCHEMA_VERSION,
                Envelope.newEventId(),
                migrationId,
                Envelope.now(),
                rangeId,
                lowerBound,
                upperBound);
    }
}
