package dev.colshift.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A request for a column change, from another system over {@link Topics#MIGRATION_REQUESTS}. Version 1 carries a
 * spec; version 2 carries a version 2 spec or the SQL the requester would have run, and a correlation id that the
 * planner's answer ({@link Phase#ACCEPTED} or {@link Phase#REJECTED} on {@link Topics#MIGRATION_PHASES}) carries back.
 *
 * @param correlationId how the requester recognises the answer; the request's eventId when null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MigrationRequested(
        String type,
        int schemaVersion,
        String eventId,
        String migrationId,
        Instant occurredAt,
        String requestedBy,
        MigrationSpec spec,
        String sql,
        String correlationId)
        implements Event {

    public static final String TYPE = "migration-requested";
    public static final int SCHEMA_VERSION = 2;

    /** A version 1 request. */
    public static MigrationRequested of(String migrationId, String requestedBy, MigrationSpec spec) {
        return new MigrationRequested(
                TYPE, 1, Envelope.newEventId(), migrationId, Envelope.now(), requestedBy, spec, null, null);
    }

    /** A version 2 request carrying the SQL. */
    public static MigrationRequested ofSql(String migrationId, String requestedBy, String sql, String correlationId) {
        return new MigrationRequested(
                TYPE,
                SCHEMA_VERSION,
                Envelope.newEventId(),
                migrationId,
                Envelope.now(),
                requestedBy,
                null,
                sql,
                correlationId);
    }

    /** The id the answer carries back. */
    public String answerCorrelationId() {
        return correlationId != null ? correlationId : eventId;
    }
}
