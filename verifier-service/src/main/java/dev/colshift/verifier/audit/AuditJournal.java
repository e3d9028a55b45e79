package dev.colshift.verifier.audit;

import dev.colshift.schemas.AuditRecord;
import dev.colshift.verifier.db.ShortTransactions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Appends the verifier's audit records to {@code colshift.audit_log} (append-only), keyed by their event id, before
 * they are published on {@code colshift.audit}: the table and the topic then hold the same records. This is the
 * verifier's only write, and it never touches the target's tables.
 */
@ApplicationScoped
public class AuditJournal {
    static final String INSERT = """
            INSERT INTO colshift.audit_log (migration_id, occurred_at, actor, action, outcome, sql, detail, event_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (event_id) WHERE event_id IS NOT NULL DO NOTHING""";

    private final ShortTransactions transactions;

    public AuditJournal(ShortTransactions transactions) {
        this.transactions = transactions;
    }

    public Uni<Void> append(List<AuditRecord> records) {
        List<Tuple> rows = records.stream()
                .map(r -> Tuple.tuple()
                        .addString(r.migrationId())
                        .addOffsetDateTime(r.occurredAt().atOffset(ZoneOffset.UTC))
                        .addString(r.actor())
                        .addString(r.action())
                        .addString(r.outcome())
                        .addString(r.sql())
                        .addString(r.logDetail())
                        .addString(r.eventId()))
                .toList();
        return transactions
                .committed(db -> db.preparedQuery(INSERT).executeBatch(rows))
                .replaceWithVoid();
    }
}
