package dev.colshift.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colshift.schemas.AuditRecord;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.Phase;
import dev.colshift.schemas.Topics;
import dev.colshift.testkit.ColshiftTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** colshift.audit_log is append-only, and the colshift.audit topic alone rebuilds it. */
@QuarkusTest
@WithTestResource(ColshiftTestResources.class)
class AuditLogTest extends VerifierScenario {

    @Test
    void auditRowsCannotBeUpdatedDeletedOrTruncated() {
        db.update(
                "INSERT INTO colshift.audit_log (migration_id, actor, action, outcome) VALUES (?, 'test', 'x', 'SUCCEEDED')",
                "append-only-test");
        assertContains(
                String.valueOf(db.failure(
                        "UPDATE colshift.audit_log SET outcome = 'FAILED' WHERE migration_id = 'append-only-test'")),
                "colshift.audit_log is append-only: UPDATE refused");
        assertContains(
                String.valueOf(db.failure("DELETE FROM colshift.audit_log WHERE migration_id = 'append-only-test'")),
                "colshift.audit_log is append-only: DELETE refused");
        assertContains(
                String.valueOf(db.failure("TRUNCATE colshift.audit_log")),
                "colshift.audit_log is append-only: TRUNCATE refused");
        assertEquals(
                "SUCCEEDED",
                db.select("SELECT outcome FROM colshift.audit_log WHERE migration_id = 'append-only-test'")
                        .get(0)
                        .get("outcome"));
    }

    @Test
    void theAuditTopicAloneRebuildsTheMigrationsAuditLog() {
        String id = newMigrationId();
        db.execute(
                "CREATE TABLE public.audited (id bigint PRIMARY KEY, n integer NOT NULL)",
                "INSERT INTO public.audited SELECT g, g FROM generate_series(1, 25) g",
                "ALTER TABLE public.audited ADD COLUMN twice integer");
        LedgerFixture m = Fixtures.notNull(
                id,
                "audited",
                new MigrationSpec("public.audited", "twice", "integer", null, false, "n * 2", 10),
                "integer",
                1L,
                25L,
                3L);
        m.insertMigration(db);
        m.recordDdlSteps(db, topics);
        m.backfill(db, 0, 1, 11);
        m.backfill(db, 1, 11, 21);
        m.backfill(db, 2, 21, 26);
        db.execute("ALTER TABLE public.audited ALTER COLUMN twice SET NOT NULL");

        requestVerification(id, "public.audited");
        awaitVerdict(id, Phase.VERIFIED, 1);
        reverify(id);
        List<Map<String, Object>> table = db.select(
                "SELECT event_id, actor, action, outcome, sql, detail FROM colshift.audit_log WHERE migration_id = ?"
                        + " ORDER BY event_id",
                id);
        // 5 DDL steps by the planner; 8 checks and the verdict, twice (verify, then reverify)
        assertEquals(5 + 2 * 9, table.size());

        var records = topics.await(
                Topics.AUDIT, AuditRecord.class, e -> e.migrationId().equals(id), table.size());
        Map<String, Map<String, Object>> rebuilt = new LinkedHashMap<>();
        for (var record : records) {
            AuditRecord audit = EventCodec.decode(record.value(), AuditRecord.class);
            assertEquals(id, record.key());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("event_id", audit.eventId());
            row.put("actor", audit.actor());
            row.put("action", audit.action());
            row.put("outcome", audit.outcome());
            row.put("sql", audit.sql());
            row.put("detail", audit.logDetail());
            rebuilt.putIfAbsent(audit.eventId(), row); // at-least-once delivery: de-duplicate on eventId
        }
        List<Map<String, Object>> fromTopic = new ArrayList<>(rebuilt.values());
        fromTopic.sort(Comparator.comparing(r -> (String) r.get("event_id")));
        assertEquals(table, fromTopic);
        assertTrue(table.stream().anyMatch(r -> Objects.equals(r.get("action"), "reverify:value-consistency")));
    }
}
