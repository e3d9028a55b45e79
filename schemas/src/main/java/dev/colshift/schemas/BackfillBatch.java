package dev.colshift.schemas;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * One key range to backfill. Carries no SQL; the worker reads the validated statement from the migration ledger and
 * checks the range against the one stored there, so a forged message can at worst name a stored range.
 *
 * <p>Version 2 carries typed keyset bounds: {@code key} (the key's columns and types), {@code lower} and {@code upper}
 * (one text value per key column) and {@code upperInclusive} (true for the last range, whose upper bound is the key
 * maximum captured at backfill start). Version 1 carries integer bounds {@code lowerBound <= key < upperBound} and
 * stays readable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BackfillBatch(
        String type,
        int schemaVersion,
        String eventId,
        String migrationId,
        Instant occurredAt,
        long rangeId,
        Long lowerBound,
        Long upperBound,
        List<KeyColumn> key,
        List<String> lower,
        List<String> upper,
        Boolean upperInclusive)
        implements Event {

    public static final String TYPE = "backfill-batch";
    public static final int SCHEMA_VERSION = 2;
    /** Integer bounds only. */
    public static final int INTEGER_BOUNDS_VERSION = 1;

    /** A version-2 message naming a stored keyset range. */
    public static BackfillBatch of(String migrationId, List<KeyColumn> key, KeyRange range) {
        return new BackfillBatch(
                TYPE,
                SCHEMA_VERSION,
                Envelope.newEventId(),
                migrationId,
                Envelope.now(),
                range.rangeId(),
                null,
                null,
                List.copyOf(key),
                range.lower(),
                range.upper(),
                range.upperInclusive());
    }

    /** A version-1 message with integer bounds {@code lowerBound <= key < upperBound}. */
    public static BackfillBatch of(String migrationId, long rangeId, long lowerBound, long upperBound) {
        return new BackfillBatch(
                TYPE,
                INTEGER_BOUNDS_VERSION,
                Envelope.newEventId(),
                migrationId,
                Envelope.now(),
                rangeId,
                lowerBound,
                upperBound,
                null,
                null,
                null,
                null);
    }

    /** Whether the message carries integer bounds only (version 1). */
    @JsonIgnore
    public boolean integerBounds() {
        return lower == null;
    }

    /** The keyset range a version-2 message names. */
    public KeyRange keyRange() {
        if (integerBounds()) {
            throw new IllegalStateException("a version-1 message has integer bounds, not a keyset range");
        }
        return new KeyRange(rangeId, lower, upper, Boolean.TRUE.equals(upperInclusive));
    }

    /** The bounds as a reader sees them, for logs and dead-letter reasons. */
    public String describe() {
        return integerBounds()
                ? "range " + rangeId + " [" + lowerBound + ", " + upperBound + ")"
                : keyRange().describe();
    }
}
