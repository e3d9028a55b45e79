package dev.colshift.planner;

import static dev.colshift.planner.PlannerScenario.awaitPhase;
import static dev.colshift.planner.PlannerScenario.phaseOf;
import static dev.colshift.planner.PlannerScenario.runToCompletion;
import static dev.colshift.planner.PlannerScenario.submit;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colshift.schemas.BackfillBatch;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.Topics;
import dev.colshift.testkit.ColshiftTestResources;
import dev.colshift.testkit.TestDatabase;
import dev.colshift.testkit.TestTopics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Pause, resume, cancel and rollback on real PostgreSQL and Kafka (the test plays the worker and the verifier):
 * what each does to the phase, the table and the ranges, and that a rollback leaves the table's definition exactly as
 * it was.
 */
@QuarkusTest
@WithTestResource(ColshiftTestResources.class)
class ControlFlowTest {
    private static final String JSON = "application/json";

    private static ValidatableResponse control(String id, String action) {
        return given().header("Authorization", "Bearer test-token")
                .when()
                .post("/migrations/" + id + "/" + action)
                .then();
    }

    @Test
    void pauseStopsTheBackfillWithNothingLostAndResumePublishesWhatIsLeft() throws Exception {
        TestDatabase.execute(
                "CREATE TABLE ctl_pause (id bigint PRIMARY KEY, plan_id int NOT NULL)",
                "INSERT INTO ctl_pause SELECT g, g % 5 FROM generate_series(1, 1000) g");
        String id = submit(
                JSON,
                "{\"table\":\"ctl_pause\",\"column\":\"plan_code\",\"type\":\"int\",\"backfillExpression\":"
                        + "\"plan_id * 10\",\"nullable\":false,\"batchSize\":100}");
        awaitPhase(id, "BACKFILLING");
        control(id, "pause").statusCode(202);
        awaitPhase(id, "PAUSED");
        given().get("/migrations/" + id)
                .then()
                .body("desired", equalTo("PAUSE"))
                .body("pausedSince", notNullValue());
        assertEquals(
                "0",
                TestDatabase.scalar(
                        "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                                + " WHERE l.relation = 'ctl_pause'::regclass AND a.application_name NOT LIKE 'PostgreSQL JDBC%'"),
                "a paused migration holds a lock on the table");
        control(id, "pause").statusCode(202); // asking twice is fine

        control(id, "resume").statusCode(202);
        awaitPhase(id, "BACKFILLING");
        // every stored range is published after the resume (those published before the pause, if the walk got that
        // far, are published again): all 10 range ids come
        assertEquals(
                10,
                TestTopics.read(
                                Topics.BACKFILL_BATCHES,
                                r -> EventCodec.decode(r.value(), BackfillBatch.class),
                                b -> b.migrationId().equals(id),
                                10,
                                Duration.ofSeconds(30))
                        .stream()
                        .map(BackfillBatch::rangeId)
                        .distinct()
                        .count());
        runToCompletion(id);
        assertEquals("0", TestDatabase.scalar("SELECT count(*) FROM ctl_pause WHERE plan_code <> plan_id * 10"));
    }

    @Test
    void aDeadLetteredRangeHoldsTheMigrationUntilTheOperatorRedrivesIt() throws Exception {
        TestDatabase.execute(
                "CREATE TABLE ctl_dead (id bigint PRIMARY KEY, plan_id int NOT NULL)",
                "INSERT INTO ctl_dead SELECT g, g % 5 FROM generate_series(1, 1000) g");
        String id = submit(
                JSON,
                "{\"table\":\"ctl_dead\",\"column\":\"plan_code\",\"type\":\"int\",\"backfillExpression\":"
                        + "\"plan_id * 10\",\"nullable\":false,\"batchSize\":100}");
        awaitPhase(id, "BACKFILLING");
        String third = TestTopics.read(
                        Topics.BACKFILL_BATCHES,
                        r -> r.value(),
                        value -> isRange(value, id, 3),
                        1,
                        Duration.ofSeconds(30))
                .get(0);
        // as the worker's dead-letter strategy sends it, after its last attempt
        TestTopics.send(
                Topics.BACKFILL_BATCHES_DLQ,
                Topics.batchKey(id, 3),
                third,
                Map.of("dead-letter-reason", "division by zero (22012)"));
        await().atMost(30, TimeUnit.SECONDS)
                .untilAsserted(() -> given().get("/migrations/" + id)
                        .then()
                        .body("phase", equalTo("BACKFILLING"))
                        .body("waitingFor", containsString("1 dead-lettered (range 3: division by zero (22012))"))
                        .body("waitingFor", containsString("POST /migrations/" + id + "/redrive")));

        control(id, "redrive").statusCode(202).header("Colshift-Redriven-Ranges", "3");
        TestTopics.read(
                Topics.BACKFILL_BATCHES, r -> r.value(), value -> isRange(value, id, 3), 2, Duration.ofSeconds(30));
        control(id, "redrive").statusCode(409).body("detail", containsString("no dead-lettered range"));
        runToCompletion(id);
        assertEquals("0", TestDatabase.scalar("SELECT count(*) FROM ctl_dead WHERE plan_code <> plan_id * 10"));
        control(id, "redrive").statusCode(409).body("detail", containsString("is COMPLETED"));
        given().header("Authorization", "Bearer test-token")
                .post("/migrations/m20990101T000000-00000000/redrive")
                .then()
                .statusCode(404);
    }

    @Test
    void theWorkersThrottleReasonShowsInTheStatus() throws Exception {
        TestDatabase.execute(
                "CREATE TABLE ctl_throttle (id bigint PRIMARY KEY, plan_id int NOT NULL)",
                "INSERT INTO ctl_throttle SELECT g, g % 5 FROM generate_series(1, 1000) g");
        String id = submit(
                JSON,
                "{\"table\":\"ctl_throttle\",\"column\":\"plan_code\",\"type\":\"int\",\"backfillExpression\":"
                        + "\"plan_id * 10\",\"nullable\":false,\"batchSize\":100}");
        awaitPhase(id, "BACKFILLING");
        given().get("/migrations/" + id).then().body("throttle", org.hamcrest.Matchers.nullValue());
        // as workers report it: one live, for every migration; one that stopped reporting a minute ago
        TestDatabase.execute(
                "INSERT INTO colshift.worker_throttle (worker_id, migration_id, kind, reason, since) VALUES"
                        + " ('w-live', NULL, 'replica_lag', 'replica r1 is 99000000 bytes / 12000 ms behind',"
                        + " now() - interval '5 seconds')",
                "INSERT INTO colshift.worker_throttle (worker_id, migration_id, kind, reason, since, seen_at) VALUES"
                        + " ('w-dead', '" + id + "', 'paused', 'paused: old', now() - interval '1 hour',"
                        + " now() - interval '1 minute')");
        given().get("/migrations/" + id)
                .then()
                .body("throttle.throttled", equalTo(true))
                .body("throttle.kind", equalTo("replica_lag"))
                .body("throttle.reason", containsString("replica r1 is 99000000 bytes"))
                .body("throttle.worker", equalTo("w-live"))
                .body("throttle.workers", equalTo(1));
        TestDatabase.execute("DELETE FROM colshift.worker_throttle");
        runToCompletion(id);
    }

    private static boolean isRange(String batchJson, String id, long rangeId) {
        BackfillBatch batch = EventCodec.decode(batchJson, BackfillBatch.class);
        return batch.migrationId().equals(id) && batch.rangeId() == rangeId;
    }

    @Test
    void cancelStopsAndRollbackLeavesTheDefinitionExactlyAsItWas() throws Exception {
        TestDatabase.execute(
                "CREATE TABLE ctl_orgs (id bigint PRIMARY KEY)",
                "INSERT INTO ctl_orgs VALUES (1)",
                "CREATE TABLE ctl_cancel (id bigint PRIMARY KEY, name text)",
                "CREATE INDEX ctl_cancel_name ON ctl_cancel (name)",
                "INSERT INTO ctl_cancel SELECT g, 'n' || g FROM generate_series(1, 500) g");
        String before = TestDatabase.tableDefinition("ctl_cancel");
        String dumpBefore = schemaDump("ctl_cancel");
        String id = submit(
                "application/sql",
                "ALTER TABLE ctl_cancel ADD COLUMN org_id bigint DEFAULT 1 NOT NULL CHECK (org_id > 0)"
                        + " REFERENCES ctl_orgs (id); CREATE UNIQUE INDEX CONCURRENTLY ctl_cancel_org_name"
                        + " ON ctl_cancel (org_id, name); COMMENT ON COLUMN ctl_cancel.org_id IS 'owner'");
        awaitPhase(id, "VERIFYING");
        control(id, "cancel").statusCode(202);
        awaitPhase(id, "CANCELLED");
        assertTrue(TestDatabase.tableDefinition("ctl_cancel").contains("org_id"));
        control(id, "pause").statusCode(409).body("type", equalTo("https://colshift.dev/problems/conflict"));

        control(id, "rollback").statusCode(202);
        awaitPhase(id, "ROLLED_BACK");
        assertEquals(before, TestDatabase.tableDefinition("ctl_cancel"));
        assertEquals(dumpBefore, schemaDump("ctl_cancel"));
        assertEquals(
                "0",
                TestDatabase.scalar("SELECT count(*) FROM ctl_cancel WHERE name IS DISTINCT FROM 'n' || id"),
                "data in other columns changed");
    }

    @Test
    void rollingBackACompletedMigrationIsAHazardToAllow() throws Exception {
        TestDatabase.execute(
                "CREATE TABLE ctl_done (id bigint PRIMARY KEY)", "INSERT INTO ctl_done SELECT generate_series(1, 300)");
        String before = TestDatabase.tableDefinition("ctl_done");
        String id =
                submit(JSON, "{\"table\":\"ctl_done\",\"column\":\"seq\",\"type\":\"bigserial\",\"batchSize\":100}");
        runToCompletion(id);
        control(id, "rollback")
                .statusCode(409)
                .body("type", equalTo("https://colshift.dev/problems/rollback-completed"));
        given().header("Authorization", "Bearer test-token")
                .when()
                .post("/migrations/" + id + "/rollback?allowHazards=rollback-completed")
                .then()
                .statusCode(202);
        awaitPhase(id, "ROLLED_BACK");
        assertEquals(before, TestDatabase.tableDefinition("ctl_done"));
        assertEquals("0", TestDatabase.scalar("SELECT count(*) FROM pg_class WHERE relname = 'ctl_done_seq_seq'"));
    }

    @Test
    void aFailureIsRolledBackAndEndsFailedWithTheReason() throws Exception {
        // rows 1..100 (the rehearsal's sample) satisfy the check, rows from 600 on do not: VALIDATE fails for real
        TestDatabase.execute(
                "CREATE TABLE ctl_fail (id bigint PRIMARY KEY)",
                "INSERT INTO ctl_fail SELECT generate_series(1, 1000)");
        String before = TestDatabase.tableDefinition("ctl_fail");
        String id = submit(
                JSON,
                "{\"table\":\"ctl_fail\",\"column\":\"score\",\"type\":\"int\",\"defaultExpression\":\"0\","
                        + "\"checks\":[{\"expression\":\"score + id < 600\"}],\"batchSize\":100}");
        awaitPhase(id, "FAILED");
        given().get("/migrations/" + id)
                .then()
                .body("detail", containsString("violated"))
                .body("detail", containsString("rolled back except the column score"));
        // the check is gone; the column the application may already write stays until an operator removes it
        String kept = TestDatabase.tableDefinition("ctl_fail");
        assertTrue(kept.contains("score integer DEFAULT 0") && !kept.contains("ctl_fail_score_check"), kept);
        control(id, "rollback").statusCode(202);
        awaitPhase(id, "ROLLED_BACK");
        assertEquals(before, TestDatabase.tableDefinition("ctl_fail"));
    }

    @Test
    void anAccessExclusiveStepWaitsForItsMaintenanceWindow() throws Exception {
        TestDatabase.execute("CREATE TABLE ctl_window (id bigint PRIMARY KEY)", "INSERT INTO ctl_window VALUES (1)");
        DateTimeFormatter hms = DateTimeFormatter.ofPattern("HH:mm:ss");
        LocalTime now = LocalTime.now(ZoneOffset.UTC);
        String opens = now.plusSeconds(20).format(hms);
        String closes = now.plusMinutes(10).format(hms);
        String id = submit(
                JSON,
                "{\"table\":\"ctl_window\",\"column\":\"note\",\"type\":\"text\",\"maintenanceWindows\":"
                        + "[{\"start\":\"" + opens + "\",\"end\":\"" + closes + "\",\"timeZone\":\"UTC\"}]}");
        org.awaitility.Awaitility.await()
                .atMost(10, TimeUnit.SECONDS)
                .untilAsserted(() -> given().get("/migrations/" + id)
                        .then()
                        .body("phase", equalTo("EXPANDING"))
                        .body(
                                "waitingFor",
                                containsString("maintenance window"),
                                "spec",
                                org.hamcrest.Matchers.anything(TestDatabase.scalar(
                                        "SELECT spec::text FROM colshift.migrations WHERE id = '" + id + "'"))));
        assertEquals(
                "0",
                TestDatabase.scalar("SELECT count(*) FROM information_schema.columns"
                        + " WHERE table_name = 'ctl_window' AND column_name = 'note'"));
        awaitPhase(id, "VERIFYING");
        assertTrue(!"EXPANDING".equals(phaseOf(id)));
    }

    /** {@code pg_dump --schema-only} of the table where a pg_dump of the server's major is at hand, else "". */
    private static String schemaDump(String table) throws Exception {
        String major = TestDatabase.scalar("SELECT current_setting('server_version_num')::int / 10000");
        Path pgDump = Path.of("/usr/lib/postgresql", major, "bin", "pg_dump");
        if (!Files.isExecutable(pgDump)) {
            return "";
        }
        var config = ConfigProvider.getConfig();
        String url = config.getValue("colshift.test.jdbc-url", String.class).replace("jdbc:", "");
        Process dump = new ProcessBuilder(
                        pgDump.toString(),
                        "--schema-only",
                        "--table=" + table,
                        "--dbname=" + url.replaceFirst("\\?.*", ""),
                        "--username=" + config.getValue("colshift.test.db-user", String.class))
                .redirectErrorStream(true)
                .start();
        String out = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, dump.waitFor(), out);
        // comments, and the \\restrict key newer pg_dump versions draw at random for every dump
        return out.replaceAll("(?m)^(--|\\\\restrict|\\\\unrestrict).*$", "");
    }
}
