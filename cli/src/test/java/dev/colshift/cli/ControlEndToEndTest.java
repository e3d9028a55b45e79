package dev.colshift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colshift.testkit.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Control on the real stack (packaged planner, two workers, verifier, real Kafka and PostgreSQL): a pause mid-backfill
 * holds the table still and resume completes it exactly; a migration whose planner is killed (halted as by kill -9)
 * at each fault-injection point in turn, restarted each time, finishes with the end state of an uninterrupted one;
 * so does one whose verifier
 * killed mid-verification; and a range that can never be backfilled fails the migration under the fail policy.
 */
class ControlEndToEndTest {
    private static final String DERIVED = """
            {"table": "%s", "column": "plan_code", "type": "integer", "backfillExpression": "plan_id * 10 + 1",
             "nullable": false, "batchSize": %d}""";
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        Path repository = Path.of("..").toAbsolutePath().normalize();
        Path workDir = Path.of("target", "control-" + System.nanoTime()).toAbsolutePath();
        stack = LocalStack.start(repository, workDir, LocalStack.Target.scratch("colshift_control"), 2, null);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aPausedBackfillHoldsTheTableStillAndResumeCompletesItExactly() throws Exception {
        long rows = 200_000;
        DemoTable.create(stack.database(), "paused", rows);
        ApplicationWriter app = new ApplicationWriter(stack.database(), "paused", rows, "plan_code", "-7", true);
        JsonNode end;
        String id;
        try (app) {
            id = stack.plannerClient().submit(DERIVED.formatted("paused", 1_000));
            awaitUntil(id, status -> status.path("batchesDone").asLong() >= 20, Duration.ofMinutes(3));
            assertEquals(202, control(id, "pause"));
            awaitUntil(id, status -> "PAUSED".equals(status.path("phase").asText()), Duration.ofMinutes(1));
            Thread.sleep(1_000); // a range already started finishes (within one batch)
            long batches = count("SELECT count(*) FROM colshift.batches WHERE migration_id = '" + id + "'");
            // what colshift wrote (the application's own writes, and the fill trigger on them, go on while paused)
            String backfilled =
                    "SELECT coalesce(sum(rows_updated), 0) FROM colshift.batches WHERE migration_id = '" + id + "'";
            long filled = count(backfilled);
            Thread.sleep(4_000);
            assertEquals(batches, count("SELECT count(*) FROM colshift.batches WHERE migration_id = '" + id + "'"));
            assertEquals(filled, count(backfilled), "the backfill changed rows while paused");
            assertTrue(
                    batches
                            < count("SELECT CASE WHEN ranges_walked THEN batches_total ELSE " + Long.MAX_VALUE
                                    + " END FROM colshift.migrations WHERE id = '" + id + "'"),
                    "the backfill was over before the pause took effect");
            assertEquals(202, control(id, "resume"));
            end = MigrationWatcher.awaitEnd(stack.plannerClient(), id, Duration.ofMinutes(5), s -> {});
        }
        assertEquals("COMPLETED", end.path("phase").asText(), end.toString());
        end.path("verification")
                .forEach(check -> assertTrue(check.path("passed").asBoolean(), check.toString()));
        assertEquals(0, count("SELECT count(*) FROM paused WHERE plan_code IS NULL"));
        StackSql.assertApplicationAndBackfillAgree(stack, "paused", "plan_code", app, "-7", "plan_id * 10 + 1");
        // one ledger record per planned range (the key span includes the application's inserts before the backfill)
        assertEquals(
                count("SELECT batches_total FROM colshift.migrations WHERE id = '" + id + "'"),
                count("SELECT count(*) FROM colshift.batches WHERE migration_id = '" + id + "'"));
        // the ranges published again on resume that were done already changed nothing: the workers said so
        assertTrue(alreadyDoneRanges() > 0, "no range was redelivered after the pause");
    }

    /** The workers' count of ranges they received but found done in the batch ledger. */
    private static double alreadyDoneRanges() throws Exception {
        double total = 0;
        for (ServiceProcess worker : stack.workers()) {
            total += WorkerRanges.received(worker, "already-done");
        }
        return total;
    }

    @Test
    void thePlannerKilledAtEveryInjectionPointInTurnFinishesWithTheEndStateOfAnUninterruptedRun() throws Exception {
        List<String> points = List.of( // in the order a migration passes them
                "after:expand", // the DDL committed, the phase not yet moved on
                "after-transition:BACKFILLING", // the ranges recorded, none published
                "publishing-ranges",
                "before:validate_not_null_check",
                "after-transition:VERIFYING");
        DemoTable.create(stack.database(), "uninterrupted", 10_000);
        JsonNode reference = MigrationWatcher.awaitEnd(
                stack.plannerClient(),
                stack.plannerClient().submit(DERIVED.formatted("uninterrupted", 1_000)),
                Duration.ofMinutes(3),
                s -> {});
        assertEquals("COMPLETED", reference.path("phase").asText(), reference.toString());

        // one migration; the planner is killed at each point in turn, and each time restarted to die at the next
        DemoTable.create(stack.database(), "crashed", 10_000);
        ServiceProcess doomed = stack.restartWith("planner", Map.of("colshift.planner.halt-at", points.get(0)));
        String id = stack.plannerClient().submit(DERIVED.formatted("crashed", 1_000));
        for (int i = 0; i < points.size(); i++) {
            if (doomed != null) {
                awaitDeath(doomed, "the planner never reached " + points.get(i));
            }
            doomed = i + 1 < points.size() ? startToDieAt(points.get(i + 1)) : stack.restart("planner");
        }
        JsonNode end = MigrationWatcher.awaitEnd(stack.plannerClient(), id, Duration.ofMinutes(3), s -> {});
        assertEquals("COMPLETED", end.path("phase").asText(), end.toString());
        assertEquals(0, count("SELECT count(*) FROM crashed WHERE plan_code IS DISTINCT FROM plan_id * 10 + 1"));
        assertEquals(10, count("SELECT count(*) FROM colshift.batches WHERE migration_id = '" + id + "'"));
        assertEquals(
                0,
                count("SELECT count(*) FROM (SELECT step_id FROM colshift.steps WHERE migration_id = '" + id
                        + "' GROUP BY step_id HAVING count(*) > 1) twice"),
                "a step ran twice");
        assertEquals(
                definition("uninterrupted").replace("uninterrupted", "<table>"),
                definition("crashed").replace("crashed", "<table>"));
    }

    @Test
    void theVerifierKilledMidVerificationIsAskedAgainAndTheMigrationCompletes() throws Exception {
        DemoTable.create(stack.database(), "verifier_crash", 10_000);
        // the planner asks again after verify-timeout without an answer: 30 s by default, 5 s here
        stack.restartWith("planner", Map.of("colshift.planner.verify-timeout", "5s"));
        ServiceProcess doomed = stack.restartWith("verifier", Map.of("colshift.verifier.halt-at", "mid-verification"));
        boolean verifierRestarted = false;
        try {
            String id = stack.plannerClient().submit(DERIVED.formatted("verifier_crash", 1_000));
            awaitDeath(doomed, "the verifier never verified");
            assertEquals(
                    "VERIFYING", stack.plannerClient().status(id).path("phase").asText());
            stack.restart("verifier");
            verifierRestarted = true;
            JsonNode end = MigrationWatcher.awaitEnd(stack.plannerClient(), id, Duration.ofMinutes(3), s -> {});
            assertEquals("COMPLETED", end.path("phase").asText(), end.toString());
            assertTrue(end.path("verification").size() >= 5, end.toString());
            end.path("verification")
                    .forEach(check -> assertTrue(check.path("passed").asBoolean(), check.toString()));
        } finally {
            if (!verifierRestarted) {
                stack.restart("verifier");
            }
            stack.restart("planner");
        }
    }

    @Test
    void withTheFailPolicyARangeThatCannotBeBackfilledFailsAndIsRolledBackButTheColumn() throws Exception {
        DemoTable.create(stack.database(), "poisoned", 20_000);
        execute("UPDATE poisoned SET plan_id = -1 WHERE id = 15005");
        stack.restartWith("planner", Map.of("colshift.planner.dead-ranges", "fail"));
        try {
            String id = stack.plannerClient().submit("""
                    {"table": "poisoned", "column": "ratio", "type": "integer",
                     "backfillExpression": "100 / (plan_id + 1)", "nullable": false, "batchSize": 1000}""");
            JsonNode end = MigrationWatcher.awaitEnd(stack.plannerClient(), id, Duration.ofMinutes(3), s -> {});
            assertEquals("FAILED", end.path("phase").asText(), end.toString());
            String detail = end.path("detail").asText();
            assertTrue(detail.contains("division by zero") && detail.contains("cannot be backfilled"), detail);
            // the failure was rolled back, all but the column the application may already write
            assertTrue(detail.contains("rolled back except the column ratio"), detail);
            assertEquals(
                    0,
                    count("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'poisoned'::regclass AND NOT tgisinternal"));
            assertEquals(0, count("SELECT count(*) FROM poisoned WHERE id = 15005 AND ratio IS NOT NULL"));
        } finally {
            stack.restart("planner");
        }
    }

    /**
     * The planner restarted to halt at {@code point}, or null when it got there already while starting (a restarted
     * planner resumes the migration at once, and the next point may come before it answers as ready).
     */
    private static ServiceProcess startToDieAt(String point) {
        try {
            return stack.restartWith("planner", Map.of("colshift.planner.halt-at", point));
        } catch (IllegalStateException e) {
            if (e.getMessage().contains("fault injection: halting at " + point)) {
                return null;
            }
            throw e;
        }
    }

    private static void awaitDeath(ServiceProcess doomed, String otherwise) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (doomed.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(!doomed.isAlive(), otherwise);
    }

    private static void execute(String sql) throws Exception {
        StackSql.execute(stack, sql);
    }

    private static int control(String id, String action) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(stack.planner().baseUrl() + "/migrations/" + id + "/" + action))
                                .header("Authorization", "Bearer " + stack.apiToken())
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }

    private static void awaitUntil(String id, java.util.function.Predicate<JsonNode> reached, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (reached.test(stack.plannerClient().status(id))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("migration " + id + " did not get there: "
                + stack.plannerClient().status(id));
    }

    private static String definition(String table) throws Exception {
        try (Connection c = stack.database().connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT string_agg(a.attname || ' ' || format_type(a.atttypid,"
                        + " a.atttypmod) || ' ' || a.attnotnull || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), ''),"
                        + " ', ' ORDER BY a.attnum) || ' | ' || (SELECT count(*) FROM pg_constraint WHERE conrelid = '"
                        + table + "'::regclass) || ' | ' || (SELECT count(*) FROM pg_trigger WHERE tgrelid = '"
                        + table + "'::regclass AND NOT tgisinternal) FROM pg_attribute a LEFT JOIN pg_attrdef d"
                        + " ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = '" + table
                        + "'::regclass AND a.attnum > 0 AND NOT a.attisdropped")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long count(String sql) throws Exception {
        return StackSql.count(stack, sql);
    }
}
