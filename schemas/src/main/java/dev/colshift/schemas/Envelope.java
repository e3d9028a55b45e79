package dev.colshift.schemas;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Fresh envelope values for a new event. */
public final class Envelope {
    private Envelope() {}

    public static String newEventId() {
        return UUID.randomUUID().toString();
    }

    /** Millisecond precision, so an event survives a JSON round trip unchanged. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
