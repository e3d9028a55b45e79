package dev.colshift.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** Who did what to which migration, with the SQL run or the checks made. Published on {@link Topics#AUDIT}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditRecord(
        String type,
        int schemaVersion,
        String eventId,
        String migrationId,
        Instant occurredAt,
        String actor,
        String action,
        String outcome,
        String sql,
        List<CheckResult> checks)
        implements Event {

    public static final String TYPE = "audit";
    public static final int SCHEMA_VERSION = 1;

    public static AuditRecord of(
            String migrationId, String actor, String action, String outcome, String sql, List<CheckResult> checks) {
        return new AuditRecord(
                TYPE,
                SCHEMA_VERSION,
                Envelope.newEventId(),
                migrationId,
                Envelope.now(),
                actor,
                action,
                outcome,
                sql,
                checks);
    }
}
