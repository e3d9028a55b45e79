package dev.colshift.planner;

import static dev.colshift.planner.PlannerScenario.awaitPhase;
import static dev.colshift.planner.PlannerScenario.submit;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colshift.schemas.AuditRecord;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.Topics;
import dev.colshift.testkit.ColshiftTestResources;
import dev.colshift.testkit.TestDatabase;
import dev.colshift.testkit.TestTopics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every audit record the planner makes (acceptance, each step, a failure) is a row of colshift.audit_log and an event
 * on colshift.audit with the same event id; each event satisfies its JSON Schema (the codec refuses one that does not),
 * and the topic alone rebuilds the migration's rows of the table.
 */
@QuarkusTest
@WithTestResource(ColshiftTestResources.class)
class AuditRecordsTest {
    private static final String JSON = "application/json";

    @Test
    void aCompletedMigrationsAuditIsRebuiltFromTheTopicAlone() throws Exception {
        TestDatabase.execute(
                "CREATE TABLE audit_done (id bigint PRIMARY KEY, n int NOT NULL)",
                "INSERT INTO audit_done SELECT g, g FROM generate_series(1, 300) g");
        String id = submit(
                JSON,
                "{\"table\":\"audit_done\",\"column\":\"twice\",\"type\":\"int\",\"backfillExpression\":\"n * 2\","
                        + "\"nullable\":false,\"batchSize\":100}");
        PlannerScenario.runToCompletion(id);
        List<Map<String, Object>> table = assertTopicRebuildsTable(id);
        assertEquals(
                "accept",
                table.stream()
                        .filter(r -> "rest:operator".equals(r.get("actor")))
                        .map(r -> r.get("action"))
                        .findFirst()
                        .orElse(null));
        assertTrue(
                table.stream().anyMatch(r -> String.valueOf(r.get("detail")).startsWith("lock ")),
                "a step's row says the lock it took and the attempt: " + table);
    }

    @Test
    void theAuditNamesTheCallerWhoseTokenAskedForEachChange() throws Exception {
        TestDatabase.execute(
                "CREATE TABLE audit_callers (id bigint PRIMARY KEY, n int NOT NULL)",
                "INSERT INTO audit_callers SELECT g, g FROM generate_series(1, 300) g");
        String id = given().header("Authorization", "Bearer alice-token")
                .contentType(JSON)
                .body("{\"table\":\"audit_callers\",\"column\":\"thrice\",\"type\":\"int\","
                        + "\"backfillExpression\":\"n * 3\",\"nullable\":false,\"batchSize\":100}")
                .post("/migrations")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        awaitPhase(id, "BACKFILLING"); // no worker here: it waits for its ranges
        given().header("Authorization", "Bearer nobody-token")
                .post("/migrations/" + id + "/pause")
                .then()
                .statusCode(401);
        given().header("Authorization", "Bearer bob-token")
                .post("/migrations/" + id + "/pause")
                .then()
                .statusCode(202);
        awaitPhase(id, "PAUSED");
        given().header("Authorization", "Bearer test-token")
                .post("/migrations/" + id + "/resume")
                .then()
                .statusCode(202);
        PlannerScenario.runToCompletion(id);

        List<Map<String, Object>> table = assertTopicRebuildsTable(id);
        assertEquals("rest:alice", actorOf(table, "accept"));
        assertEquals("rest:bob", actorOf(table, "request-pause"));
        assertEquals("rest:operator", actorOf(table, "request-resume"));
        assertEquals(
                "rest:alice",
                TestDatabase.scalar("SELECT requested_by FROM colshift.migrations WHERE id = '" + id + "'"));
    }

    private static String actorOf(List<Map<String, Object>> table, String action) {
        return table.stream()
                .filter(r -> action.equals(r.get("action")))
                .map(r -> (String) r.get("actor"))
                .findFirst()
                .orElse(null);
    }

    @Test
    void aFailedMigrationsFailureIsInTheTableToo() throws Exception {
        // rows 1..100 (the rehearsal's sample) satisfy the check, rows from 600 on do not: VALIDATE fails for real
        TestDatabase.execute(
                "CREATE TABLE audit_fail (id bigint PRIMARY KEY)",
                "INSERT INTO audit_fail SELECT generate_series(1, 1000)");
        String id = submit(
                JSON,
                "{\"table\":\"audit_fail\",\"column\":\"score\",\"type\":\"int\",\"defaultExpression\":\"0\","
                        + "\"checks\":[{\"expression\":\"score + id < 600\"}],\"batchSize\":100}");
        awaitPhase(id, "FAILED");
        List<Map<String, Object>> table = assertTopicRebuildsTable(id);
        Map<String, Object> failure = table.stream()
                .filter(r -> "fail".equals(r.get("action")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no fail row in " + table));
        assertEquals("FAILED", failure.get("outcome"));
        assertTrue(String.valueOf(failure.get("detail")).contains("violated"), String.valueOf(failure));
    }

    /** The table's rows of the migration, after checking that the topic's records rebuild them exactly. */
    private static List<Map<String, Object>> assertTopicRebuildsTable(String id) throws Exception {
        List<Map<String, Object>> table = auditRows(id);
        table.forEach(row -> assertNotNull(row.get("event_id"), "every row carries its event id: " + row));
        List<AuditRecord> events = TestTopics.read(
                Topics.AUDIT,
                r -> EventCodec.decode(r.value(), AuditRecord.class), // validated against audit-v1.schema.json
                a -> a.migrationId().equals(id),
                table.size(),
                Duration.ofSeconds(30));
        Map<String, Map<String, Object>> rebuilt = new LinkedHashMap<>();
        for (AuditRecord audit : events) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("event_id", audit.eventId());
            row.put("occurred_at", audit.occurredAt().toEpochMilli());
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
        return table;
    }

    private static List<Map<String, Object>> auditRows(String id) throws Exception {
        try (Connection c = TestDatabase.connect();
                PreparedStatement s = c.prepareStatement("""
                        SELECT event_id,
                          (extract(epoch FROM occurred_at) * 1000)::int8 AS occurred_at,
                          actor, action, outcome, sql, detail
                        FROM colshift.audit_log WHERE migration_id = ? ORDER BY event_id""")) {
            s.setString(1, id);
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                        row.put(r.getMetaData().getColumnLabel(i), r.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }
}
