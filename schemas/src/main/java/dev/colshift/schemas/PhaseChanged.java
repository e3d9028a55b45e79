package dev.colshift.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A migration entered {@link #phase()}. Published by the planner for its own transitions and by the verifier for
 * {@link Phase#VERIFIED} / {@link Phase#VERIFICATION_FAILED}, which then carry the check results.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PhaseChanged(
        String type,
        int schemaVersion,
        String eventId,
        String migrationId,
        Instant occurredAt,
        Phase phase,
        Phase previousPhase,
        String table,
        String column,
        String detail,
        List<CheckResult> checks,
        String correlationId)
        implements Event {

    public static final String TYPE = "phase-changed";
    public static final int SCHEMA_VERSION = 1;

    public static PhaseChanged of(
            String migrationId,
            Phase phase,
            Phase previousPhase,
            String table,
            String column,
            String detail,
            List<CheckResult> checks) {
        return new PhaseChanged(
                TYPE,
                SCHEMA_VERSION,
                Envelope.newEventId(),
                migrationId,
                Envelope.now(),
                phase,
                previousPhase,
                table,
                column,
                detail,
                checks,
                null);
    }

    /** The answer to a request from {@code colshift.migration-requests}, carrying the request's correlation id. */
    public PhaseChanged answering(String requestCorrelationId) {
        return new PhaseChanged(
                type,
                schemaVersion,
                eventId,
                migrationId,
                occurredAt,
                phase,
                previousPhase,
                table,
                column,
                detail,
                checks,
                requestCorrelationId);
    }
}
