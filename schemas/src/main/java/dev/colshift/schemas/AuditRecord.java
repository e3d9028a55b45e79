package dev.colshift.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Who did what to which migration, with the SQL run or the checks made. Published on {@link Topics#AUDIT}; the same
 * record (same event id) is a row of {@code colshift.audit_log}, so the topic alone rebuilds the table.
 *
 * @param detail how it went, in words (the lock a step took, the attempt that succeeded); null when the checks say it
 */
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
        List<CheckResult> checks,
        String detail)
        implements Event {

    public static final String TYPE = "audit";
    public static final int SCHEMA_VERSION = 1;

    public static AuditRecord of(
            String migrationId, String actor, String action, String outcome, String sql, List<CheckResult> checks) {
        return of(migrationId, actor, action, outcome, sql, checks, null);
    }

    public static AuditRecord of(
            String migrationId,
            String actor,
            String action,
            String outcome,
            String sql,
            List<CheckResult> checks,
            String detail) {
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
                checks,
                detail);
    }

    /** The {@code detail} column of the record's audit_log row: its detail, else one line per check. */
    public String logDetail() {
        if (detail != null) {
            return detail;
        }
        if (checks == null || checks.isEmpty()) {
            return null;
        }
        return checks.stream()
                .map(c -> c.name() + ": " + (c.passed() ? "passed" : "FAILED") + ": " + c.detail())
                .collect(Collectors.joining("\n"));
    }
}
