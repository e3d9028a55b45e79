package dev.colshift.planner.db;

import dev.colshift.schemas.AuditRecord;
import dev.colshift.schemas.Event;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.PhaseChanged;
import dev.colshift.schemas.Topics;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.List;
import java.util.function.Function;

/**
 * Events bound for the outbox, as parallel arrays that one SQL statement unnests: so a ledger change and the events
 * announcing it are written by the same statement, or not at all. Each audit record among them is also appended to
 * {@code colshift.audit_log} under its event id, by the same statement: the table and the topic hold the same records.
 */
final class OutboxMessages {
    /** Appended to a statement whose CTE {@code changed} returns a row when the ledger change happened. */
    static final String INSERT_FOR_CHANGED = """
            , audited AS (
              INSERT INTO colshift.audit_log (migration_id, occurred_at, actor, action, outcome, sql, detail, event_id)
              SELECT a.migration_id, a.occurred_at::timestamptz, a.actor, a.action, a.outcome, a.sql, a.detail, a.event_id
              FROM changed, unnest(%s::text[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[],
                %s::text[]) AS a(migration_id, occurred_at, actor, action, outcome, sql, detail, event_id))
            INSERT INTO colshift.outbox (topic, message_key, payload)
            SELECT e.topic, e.message_key, e.payload FROM changed,
              unnest(%s::text[], %s::text[], %s::text[]) WITH ORDINALITY AS e(topic, message_key, payload, n)
            ORDER BY e.n""";

    private OutboxMessages() {}

    /** The inserts, reading their arrays from the parameters numbered from {@code firstParameter}. */
    static String insertForChanged(int firstParameter) {
        Object[] parameters = new Object[11];
        for (int i = 0; i < 8; i++) {
            parameters[i] = "$" + (firstParameter + 3 + i);
        }
        for (int i = 0; i < 3; i++) {
            parameters[8 + i] = "$" + (firstParameter + i);
        }
        return INSERT_FOR_CHANGED.formatted(parameters);
    }

    /** Adds the arrays to the tuple: topic, key and payload of every event, then the audit_log columns of the audits. */
    static Tuple addTo(Tuple tuple, List<? extends Event> events) {
        List<AuditRecord> audits = events.stream()
                .filter(AuditRecord.class::isInstance)
                .map(AuditRecord.class::cast)
                .toList();
        tuple.addArrayOfString(events.stream().map(OutboxMessages::topic).toArray(String[]::new))
                .addArrayOfString(events.stream().map(Event::migrationId).toArray(String[]::new))
                .addArrayOfString(events.stream().map(EventCodec::encode).toArray(String[]::new));
        List<Function<AuditRecord, String>> columns = List.of(
                AuditRecord::migrationId,
                a -> a.occurredAt().toString(),
                AuditRecord::actor,
                AuditRecord::action,
                AuditRecord::outcome,
                AuditRecord::sql,
                AuditRecord::logDetail,
                AuditRecord::eventId);
        columns.forEach(
                column -> tuple.addArrayOfString(audits.stream().map(column).toArray(String[]::new)));
        return tuple;
    }

    static String topic(Event event) {
        if (event instanceof PhaseChanged) {
            return Topics.MIGRATION_PHASES;
        }
        if (event instanceof AuditRecord) {
            return Topics.AUDIT;
        }
        throw new IllegalArgumentException(event.type() + " does not go through the outbox");
    }
}
