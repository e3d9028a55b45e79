package dev.colshift.planner;

import static dev.colshift.planner.PlannerScenario.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.MigrationRequested;
import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.Phase;
import dev.colshift.schemas.PhaseChanged;
import dev.colshift.schemas.Topics;
import dev.colshift.testkit.ColshiftTestResources;
import dev.colshift.testkit.TestDatabase;
import dev.colshift.testkit.TestTopics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Kafka door: a request on {@code colshift.migration-requests} is taken exactly like {@code POST /migrations}, answered
 * on {@code colshift.migration-phases} with the request's correlation id, and an unreadable one goes to the dead-letter
 * topic with the reason.
 */
@QuarkusTest
@WithTestResource(ColshiftTestResources.class)
class KafkaDoorTest {

    private static PhaseChanged answer(String correlationId, Phase phase) {
        return TestTopics.read(
                        Topics.MIGRATION_PHASES,
                        r -> EventCodec.decode(r.value(), PhaseChanged.class),
                        p -> correlationId.equals(p.correlationId()) && p.phase() == phase,
                        1,
                        Duration.ofSeconds(30))
                .get(0);
    }

    /** The stored plan without what differs per submission: the migration id. */
    private static String storedPlan(String migrationId) throws Exception {
        return TestDatabase.scalar("SELECT plan::text FROM colshift.migrations WHERE id = '" + migrationId + "'")
                .replace(migrationId, "<id>");
    }

    @Test
    void aSqlRequestIsAcceptedOnceWithTheSamePlanAsRestAndItsCorrelationId() throws Exception {
        TestDatabase.execute(
                "CREATE TABLE kdoor_users (id bigint PRIMARY KEY)", "INSERT INTO kdoor_users VALUES (1), (2)");
        String sql = "ALTER TABLE kdoor_users ADD COLUMN last_login timestamptz DEFAULT now() NOT NULL";
        @SuppressWarnings("unchecked")
        Map<String, Object> restPlan = post(
                        "application/json",
                        "{\"table\":\"kdoor_users\",\"column\":\"last_login\",\"type\":\"timestamptz\","
                                + "\"defaultExpression\":\"now()\",\"nullable\":false}",
                        true)
                .statusCode(200)
                .extract()
                .path("plan");
        String restId = (String) restPlan.get("migrationId");
        String viaRest = EventCodec.mapper().writeValueAsString(restPlan).replace(restId, "<id>");

        MigrationRequested request = MigrationRequested.ofSql("deploy-1", "deploy-pipeline", sql, "corr-1");
        TestTopics.send(Topics.MIGRATION_REQUESTS, "deploy-1", EventCodec.encode(request));
        TestTopics.send(Topics.MIGRATION_REQUESTS, "deploy-1", EventCodec.encode(request)); // delivered twice

        PhaseChanged accepted = answer("corr-1", Phase.ACCEPTED);
        PlannerScenario.awaitPhase(accepted.migrationId(), "VERIFYING");
        assertEquals(
                "1",
                TestDatabase.scalar(
                        "SELECT count(*) FROM colshift.migrations WHERE request_id = '" + request.eventId() + "'"),
                "a redelivered request made a second migration");
        assertEquals(
                "kafka:deploy-pipeline",
                TestDatabase.scalar(
                        "SELECT requested_by FROM colshift.migrations WHERE id = '" + accepted.migrationId() + "'"));

        assertEquals(
                EventCodec.mapper().readTree(viaRest).get("steps").get(0).get("statements"),
                EventCodec.mapper()
                        .readTree(storedPlan(accepted.migrationId()))
                        .get("steps")
                        .get(0)
                        .get("statements"));
    }

    @Test
    void aRefusedRequestIsAnsweredRejectedWithTheReasonAndChangesNothing() throws Exception {
        TestDatabase.execute("CREATE TABLE kdoor_full (id bigint PRIMARY KEY)", "INSERT INTO kdoor_full VALUES (1)");
        String before = TestDatabase.catalogFingerprint();
        MigrationRequested request = MigrationRequested.of(
                "deploy-2", "billing", new MigrationSpec("kdoor_full", "c", "int", null, false, null, null));
        TestTopics.send(Topics.MIGRATION_REQUESTS, "deploy-2", EventCodec.encode(request));

        PhaseChanged rejected = answer(request.eventId(), Phase.REJECTED);
        assertEquals("deploy-2", rejected.migrationId());
        assertTrue(rejected.detail().startsWith("not-null-without-value (nullable): "), rejected.detail());
        assertEquals(before, TestDatabase.catalogFingerprint());
    }

    @Test
    void anUnreadableRequestGoesToTheDeadLetterTopicWithTheReason() {
        String garbage = "{\"type\":\"migration-requested\",\"schemaVersion\":2,\"eventId\":\"x\",\"migrationId\":"
                + "\"bad one\",\"occurredAt\":\"2026-11-25T19:00:00Z\"}";
        TestTopics.send(Topics.MIGRATION_REQUESTS, "bad", garbage);
        List<String> reasons = TestTopics.read(
                Topics.MIGRATION_REQUESTS_DLQ,
                r -> new String(r.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8),
                reason -> true,
                1,
                Duration.ofSeconds(30));
        assertTrue(reasons.get(0).contains("violates its schema"), reasons.get(0));
    }
}
