package dev.colshift.planner.db;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Reads a migration's rows of the append-only {@code colshift.audit_log}, in the order they were written. */
@ApplicationScoped
public class AuditTrail {
    private final Pool pool;

    public AuditTrail(Pool pool) {
        this.pool = pool;
    }

    /** One audit row: who did what, when, with what outcome, and the SQL it ran (null when it ran none). */
    public record AuditEntry(
            long id,
            OffsetDateTime occurredAt,
            String actor,
            String action,
            String outcome,
            String sql,
            String detail) {}

    public Uni<List<AuditEntry>> of(String migrationId) {
        return pool.preparedQuery("""
                SELECT id, occurred_at, actor, action, outcome, sql, detail
                FROM colshift.audit_log WHERE migration_id = $1 ORDER BY id""").execute(Tuple.of(migrationId)).map(rows -> {
            List<AuditEntry> entries = new ArrayList<>();
            rows.forEach(r -> entries.add(new AuditEntry(
                    r.getLong("id"),
                    r.getOffsetDateTime("occurred_at"),
                    r.getString("actor"),
                    r.getString("action"),
                    r.getString("outcome"),
                    r.getString("sql"),
                    r.getString("detail"))));
            return entries;
        });
    }
}
