package dev.colshift.planner;

import static dev.colshift.planner.PlannerScenario.awaitPhase;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colshift.schemas.AuditRecord;
import dev.colshift.schemas.BackfillBatch;
import dev.colshift.schemas.CheckResult;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.KeyColumn;
import dev.colshift.schemas.Phase;
import dev.colshift.schemas.PhaseChanged;
import dev.colshift.schemas.Topics;
import dev.colshift.testkit.ColshiftTestResources;
import dev.colshift.testkit.TestDatabase;
import dev.colshift.testkit.TestTopics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The planner's side of a migration against real PostgreSQL and Kafka, with the test playing the worker and the
 * verifier: expand, batches published, contract after the ledger is complete, COMPLETED after VERIFIED.
 */
@QuarkusTest
@WithTestResource(ColshiftTestResources.class)
class MigrationFlowTest {

    @Test
    void derivedNotNullColumnGoesThroughEveryPhase() throws Exception {
        TestDatabase.execute(
                "CREATE TABLE flow_accounts (id bigint PRIMARY KEY, plan_id int NOT NULL)",
                "INSERT INTO flow_accounts SELECT g, g % 7 FROM generate_series(1, 1000) g");
        String id = given().header("Authorization", "Bearer test-token")
                .contentType(ContentType.JSON)
                .body("{\"table\":\"flow_accounts\",\"column\":\"plan_code\",\"type\":\"smallint\","
                        + "\"backfillExpression\":\"plan_id * 10\",\"nullable\":false,\"batchSize\":100}")
                .when()
                .post("/migrations")
                .then()
                .statusCode(202)
                .body("phase", equalTo("ACCEPTED"))
                .extract()
                .path("id");

        awaitPhase(id, "BACKFILLING");
        assertEquals(
                "YES",
                TestDatabase.scalar("SELECT is_nullable FROM information_schema.columns"
                        + " WHERE table_name = 'flow_accounts' AND column_name = 'plan_code'"));
        // A writer that does not know the column still leaves no NULL behind: the fill trigger sets it.
        TestDatabase.execute("INSERT INTO flow_accounts (id, plan_id) VALUES (5000, 3)");
        assertEquals("30", TestDatabase.scalar("SELECT plan_code FROM flow_accounts WHERE id = 5000"));

        List<BackfillBatch> batches = TestTopics.read(
                Topics.BACKFILL_BATCHES,
                r -> EventCodec.decode(r.value(), BackfillBatch.class),
                b -> b.migrationId().equals(id),
                10,
                Duration.ofSeconds(30));
        batches = batches.stream()
                .sorted(Comparator.comparingLong(BackfillBatch::rangeId))
                .toList();
        // keyset ranges of 100 keys each, chained, the last one up to the key maximum captured at backfill start
        assertEquals(List.of("1"), batches.get(0).lower());
        assertEquals(List.of("1000"), batches.get(9).upper());
        assertEquals(true, batches.get(9).upperInclusive());
        for (int i = 1; i < batches.size(); i++) {
            assertEquals(batches.get(i - 1).upper(), batches.get(i).lower());
            assertEquals(false, batches.get(i - 1).upperInclusive());
        }
        assertEquals(List.of(new KeyColumn("id", "bigint")), batches.get(0).key());

        PlannerScenario.playWorker(id);
        awaitPhase(id, "VERIFYING");
        assertEquals(
                "NO",
                TestDatabase.scalar("SELECT is_nullable FROM information_schema.columns"
                        + " WHERE table_name = 'flow_accounts' AND column_name = 'plan_code'"));
        assertEquals("0", TestDatabase.scalar("SELECT count(*) FROM pg_constraint WHERE conname LIKE 'colshift_nn_%'"));
        assertEquals("0", TestDatabase.scalar("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'colshift_fill_%'"));
        assertEquals(
                "0",
                TestDatabase.scalar(
                        "SELECT count(*) FROM flow_accounts WHERE plan_code IS DISTINCT FROM plan_id * 10"));

        TestTopics.send(
                Topics.MIGRATION_PHASES,
                id,
                EventCodec.encode(PhaseChanged.of(
                        id,
                        Phase.VERIFIED,
                        Phase.VERIFYING,
                        "public.flow_accounts",
                        "plan_code",
                        "all passed",
                        List.of(CheckResult.pass("no-nulls", "0 NULLs")))));
        awaitPhase(id, "COMPLETED");
        given().when()
                .get("/migrations/" + id)
                .then()
                .body("verification[0].name", equalTo("no-nulls"))
                .body("batchesDone", equalTo(10))
                .body("percent", equalTo(100.0f));

        // Every transition and milestone was announced, once and in order, through the outbox.
        List<PhaseChanged> events = TestTopics.read(
                Topics.MIGRATION_PHASES,
                r -> EventCodec.decode(r.value(), PhaseChanged.class),
                p -> p.migrationId().equals(id) && p.phase() != Phase.VERIFIED,
                9,
                Duration.ofSeconds(30));
        assertEquals(
                List.of(
                        "COLUMN_AVAILABLE: " + Phase.COLUMN_AVAILABLE.applicationMay(),
                        "BACKFILL_COMPLETE: " + Phase.BACKFILL_COMPLETE.applicationMay(),
                        "CONSTRAINTS_ENFORCED: " + Phase.CONSTRAINTS_ENFORCED.applicationMay()),
                events.stream()
                        .filter(e -> e.phase().applicationMay() != null && e.phase() != Phase.COMPLETED)
                        .map(e -> e.phase() + ": " + e.detail())
                        .toList());
        List<Phase> announced = events.stream()
                .filter(e -> e.phase().applicationMay() == null || e.phase() == Phase.COMPLETED)
                .map(PhaseChanged::phase)
                .toList();
        assertEquals(
                List.of(
                        Phase.ACCEPTED,
                        Phase.EXPANDING,
                        Phase.BACKFILLING,
                        Phase.CONTRACTING,
                        Phase.VERIFYING,
                        Phase.COMPLETED),
                announced);
        List<String> audited = TestTopics.read(
                        Topics.AUDIT,
                        r -> EventCodec.decode(r.value(), AuditRecord.class),
                        a -> a.migrationId().equals(id),
                        7,
                        Duration.ofSeconds(30))
                .stream()
                .map(AuditRecord::action)
                .toList();
        assertEquals(
                List.of(
                        "accept",
                        "expand:public.flow_accounts:plan_code",
                        "add_not_null_check:public.flow_accounts:plan_code",
                        "validate_not_null_check:public.flow_accounts:plan_code",
                        "set_not_null:public.flow_accounts:plan_code",
                        "drop_not_null_check:public.flow_accounts:plan_code",
                        "drop_fill_trigger:public.flow_accounts:plan_code"),
                audited);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "0"
                        .equals(TestDatabase.scalar(
                                "SELECT count(*) FROM colshift.outbox WHERE published_at IS NULL")));
    }

    @Test
    void ddlNeverQueuesTheApplicationBehindALongTransaction() throws Exception {
        TestDatabase.execute(
                "CREATE TABLE busy (id int PRIMARY KEY)", "INSERT INTO busy SELECT generate_series(1, 10)");
        long worstWaitMillis = 0;
        String id;
        try (Connection blocker = TestDatabase.connect();
                Connection app = TestDatabase.connect()) {
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("SELECT * FROM busy"); // holds ACCESS SHARE until commit
            Thread.sleep(500); // older than the lock timeout: a long-running transaction
            id = given().header("Authorization", "Bearer test-token")
                    .contentType(ContentType.JSON)
                    .body("{\"table\":\"busy\",\"column\":\"note\",\"type\":\"text\"}")
                    .when()
                    .post("/migrations")
                    .then()
                    .statusCode(202)
                    .extract()
                    .path("id");
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < until) {
                long start = System.nanoTime();
                app.createStatement().execute("SELECT count(*) FROM busy");
                worstWaitMillis = Math.max(worstWaitMillis, (System.nanoTime() - start) / 1_000_000);
                Thread.sleep(20);
            }
            assertEquals(
                    "EXPANDING",
                    given().when().get("/migrations/" + id).then().extract().path("phase"));
            blocker.commit();
        }
        // Were colshift to queue its DDL behind the long transaction, application queries would wait behind it: for
        // the lock timeout (200 ms) at each attempt, or for the whole 3 s without one.
        assertTrue(worstWaitMillis < 1000, "application waited " + worstWaitMillis + " ms");
        awaitPhase(id, "VERIFYING");
        String attempts = TestDatabase.scalar(
                "SELECT attempts || ':' || lock_timeouts FROM colshift.steps WHERE step_id = 'add_column:public.busy:note'");
        assertTrue(
                Integer.parseInt(attempts.split(":")[0]) > 1,
                "the add_column step should have waited, took " + attempts);
        assertEquals("0", attempts.split(":")[1], "no attempt should have queued behind the long transaction");
    }

    @Test
    void aMigrationAnotherPlannerIsDrivingIsLeftAlone() throws Exception {
        TestDatabase.execute(
                "CREATE TABLE shared (id int PRIMARY KEY)", "INSERT INTO shared SELECT generate_series(1, 10)");
        String spec = "{\"table\":\"shared\",\"column\":\"note\",\"type\":\"text\"}";
        String plan = given().header("Authorization", "Bearer test-token")
                .contentType(ContentType.JSON)
                .body(spec)
                .when()
                .post("/migrations?dryRun=true")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .prettify();
        String planJson = EventCodec.mapper().readTree(plan).get("plan").toString();
        try (Connection otherPlanner = TestDatabase.connect()) {
            // Another planner instance holds the migration's driver lock before this one ever sees the migration.
            otherPlanner.createStatement().execute("SELECT pg_advisory_lock(x'636f6c73'::int, hashtext('m-shared'))");
            try (PreparedStatement insert = otherPlanner.prepareStatement(
                    "INSERT INTO colshift.migrations (id, spec,"
                            + " plan, table_schema, table_name, column_name, key_column, batch_size, phase, requested_by)"
                            + " VALUES ('m-shared', ?::jsonb, ?::jsonb, 'public', 'shared', 'note', 'id', 10000, 'ACCEPTED', 'test')")) {
                insert.setString(1, spec);
                insert.setString(2, planJson);
                insert.executeUpdate();
            }
            Thread.sleep(3000); // three ticks of this planner
            given().when().get("/migrations/m-shared").then().body("phase", equalTo("ACCEPTED"));
            otherPlanner.createStatement().execute("SELECT pg_advisory_unlock_all()");
        }
        awaitPhase("m-shared", "VERIFYING");
    }
}
