package dev.colshift.schemas;

import java.time.Instant;

/**
 * The envelope every colshift event carries. Consumers de-duplicate on {@link #eventId()} and route on
 * {@link #type()}; {@link #schemaVersion()} changes only for incompatible changes.
 */
public interface Event {
    String type();

    int schemaVersion();

    String eventId();

    String migrationId();

    Instant occurredAt();
}
