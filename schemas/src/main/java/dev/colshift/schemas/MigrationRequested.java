package dev.colshift.schemas;

import java.time.Instant;

/** A request for a column change, from another system over {@link Topics#MIGRATION_REQUESTS}. */
public record MigrationRequested(
        String type,
        int schemaVersion,
        String eventId,
        String migrationId,
        Instant occurredAt,
        String requestedBy,
        MigrationSpec spec)
        implements Event {

    public static final String TYPE = "migration-requested";
    public static final int SCHEMA_VERSION = 1;

    public static MigrationRequested of(String migrationId, String requestedBy, MigrationSpec spec) {
        return new MigrationRequested(
                TYPE, SCHEMA_VERSION, Envelope.newEventId(), migrationId, Envelope.now(), requestedBy, spec);
    }
}
