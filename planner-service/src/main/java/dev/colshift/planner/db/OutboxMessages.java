package dev.colshift.planner.db;

import dev.colshift.schemas.AuditRecord;
import dev.colshift.schemas.Event;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.PhaseChanged;
import dev.colshift.schemas.Topics;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.List;

/**
 * Events bound for the outbox, as the three parallel arrays (topic, key, payload) that one SQL statement unnests:
 * so a ledger change and the events announcing it are written by the same statement, or not at all.
 */
final class OutboxMessages {
    /** Appended to a statement whose CTE {@code changed} returns a row when the ledger change happened. */
    static final String INSERT_FOR_CHANGED = """
            INSERT INTO colshift.outbox (topic, message_key, payload)
            SELECT e.topic, e.message_key, e.payload FROM changed,
              unnest(%s::text[], %s::text[], %s::text[]) WITH ORDINALITY AS e(topic, message_key, payload, n)
            ORDER BY e.n""";

    private OutboxMessages() {}

    /** The insert, reading its arrays from the parameters numbered from {@code firstParameter}. */
    static String insertForChanged(int firstParameter) {
        return INSERT_FOR_CHANGED.formatted(
                "$" + firstParameter, "$" + (firstParameter + 1), "$" + (firstParameter + 2));
    }

    /** Adds the three arrays to the tuple. */
    static Tuple addTo(Tuple tuple, List<? extends Event> events) {
        return tuple.addArrayOfString(events.stream().map(OutboxMessages::topic).toArray(String[]::new))
                .addArrayOfString(events.stream().map(Event::migrationId).toArray(String[]::new))
                .addArrayOfString(events.stream().map(EventCodec::encode).toArray(String[]::new));
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
