package dev.colshift.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The three packaged services as separate processes (two workers) against a real Kafka broker and a real PostgreSQL
 * (embedded 17, or COLSHIFT_PG_URL), migrating a 100,000-row table while an application writes to it. Passes only
 * when the data in the table is right, whatever the services said.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {
    private static final long ROWS = 100_000;
    private static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        Path repository = Path.of("..").toAbsolutePath().normalize();
        Path workDir = Path.of("target", "e2e-" + System.nanoTime()).toAbsolutePath();
        stack = LocalStack.start(repository, workDir, LocalStack.Target.scratch("colshift_e2e"), 2, null);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void theSeedStatementAsSqlIsOneMetadataOnlyStepThatRewritesNothing() throws Exception {
        DemoTable.create(stack.database(), "users", ROWS);
        long fileBefore = count("SELECT relfilenode FROM pg_class WHERE oid = 'public.users'::regclass");
        ApplicationWriter app =
                new ApplicationWriter(stack.database(), "users", ROWS, "last_login", "'2001-02-03 04:05:06+00'", false);
        JsonNode end;
        try (app) {
            String id = stack.plannerClient()
                    .submitSql(
                            "ALTER TABLE users ADD COLUMN last_login TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL;");
            end = MigrationWatcher.awaitEnd(stack.plannerClient(), id, Duration.ofMinutes(5), s -> {});
        }
        assertVerified(end);
        String id = end.path("id").asText();
        assertColumn("users", "last_login", "timestamp with time zone", "NO", "now()");
        assertEquals(0, count("SELECT count(*) FROM users WHERE last_login IS NULL"));
        // Existing rows hold the default as of the ADD COLUMN (a fast default); rows the application wrote keep theirs.
        assertRows(
                "users",
                "last_login",
                app,
                "'2001-02-03 04:05:06+00'",
                "last_login BETWEEN (SELECT created_at FROM colshift.migrations WHERE id = '" + id + "') AND now()");
        assertEquals(
                fileBefore,
                count("SELECT relfilenode FROM pg_class WHERE oid = 'public.users'::regclass"),
                "the table was rewritten");
        assertEquals(0, count("SELECT count(*) FROM colshift.batches WHERE migration_id = '" + id + "'"));
        assertEquals(1, count("SELECT count(*) FROM colshift.steps WHERE migration_id = '" + id + "'"));
        // the lock timeout is 200 ms; the margin is for a loaded two-core machine, not for colshift
        assertTrue(app.slowestMillis() < 1000, "application waited " + app.slowestMillis() + " ms");
    }

    @Test
    @Order(2)
    void derivedColumnFromAnotherColumn() throws Exception {
        DemoTable.create(stack.database(), "accounts", ROWS);
        ApplicationWriter app = new ApplicationWriter(stack.database(), "accounts", ROWS, "plan_code", "-1", true);
        JsonNode end;
        try (app) {
            String id = stack.plannerClient().submit("""
                    {"table": "public.accounts", "column": "plan_code", "type": "smallint",
                     "backfillExpression": "plan_id * 10", "nullable": false, "batchSize": 5000}""");
            end = MigrationWatcher.awaitEnd(stack.plannerClient(), id, Duration.ofMinutes(5), s -> {});
        }
        assertVerified(end);
        assertColumn("accounts", "plan_code", "smallint", "NO", null);
        assertEquals(0, count("SELECT count(*) FROM accounts WHERE plan_code IS NULL"));
        assertRows("accounts", "plan_code", app, "-1", "plan_code = plan_id * 10");
        assertTrue(app.inserted().size() > 10);
        assertEquals(0, count("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'colshift_%'"));
        assertLedgerComplete(end.path("id").asText());
    }

    @Test
    @Order(3)
    void survivesTheCrashOfEveryWorkerAndThePlannerMidBackfill() throws Exception {
        DemoTable.create(stack.database(), "orders", ROWS);
        ApplicationWriter app = new ApplicationWriter(stack.database(), "orders", ROWS, "bucket", "-1", true);
        JsonNode end;
        try (app) {
            String id = stack.plannerClient().submit("""
                    {"table": "orders", "column": "bucket", "type": "integer",
                     "backfillExpression": "(id % 1000)::int", "nullable": false, "batchSize": 200}""");
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> count("SELECT count(*) FROM colshift.batches WHERE migration_id = '" + id + "'") >= 2);
            // With every worker dead nothing moves on, so the crash is mid-backfill by construction.
            stack.kill("worker-1");
            stack.kill("worker-2");
            stack.kill("planner");
            long doneAtCrash = count("SELECT count(*) FROM colshift.batches WHERE migration_id = '" + id + "'");
            // until the keyset walk has stored its last range, the number of ranges is not known: more than done
            long planned = count("SELECT CASE WHEN ranges_walked THEN batches_total ELSE " + Long.MAX_VALUE
                    + " END FROM colshift.migrations WHERE id = '" + id + "'");
            assertTrue(doneAtCrash < planned, doneAtCrash + " of " + planned + " ranges were done: too late a crash");
            stack.restart("planner");
            stack.restart("worker-1");
            stack.restart("worker-2");
            end = MigrationWatcher.awaitEnd(stack.plannerClient(), id, Duration.ofMinutes(5), s -> {});
        }
        assertVerified(end);
        assertRows("orders", "bucket", app, "-1", "bucket = id % 1000");
        assertLedgerComplete(end.path("id").asText());
    }

    @Test
    @Order(4)
    void aRangeThatCannotBeBackfilledHoldsUntilTheDataIsFixedAndRedriven() throws Exception {
        DemoTable.create(stack.database(), "payments", ROWS);
        // plan_id + 1 is 0 for this one row only: outside the rehearsal's sample (the first rows by key)
        execute("UPDATE payments SET plan_id = -1 WHERE id = 60005");
        ApplicationWriter app = new ApplicationWriter(stack.database(), "payments", ROWS, "ratio", "-1", true);
        JsonNode end;
        try (app) {
            String id = stack.plannerClient().submit("""
                    {"table": "payments", "column": "ratio", "type": "integer",
                     "backfillExpression": "100 / (plan_id + 1)", "nullable": false, "batchSize": 5000}""");
            JsonNode held = awaitStatus(id, s -> s.path("waitingFor").asText().contains("dead-lettered"));
            assertEquals("BACKFILLING", held.path("phase").asText(), held.toString());
            assertTrue(held.path("waitingFor").asText().contains("division by zero"), held.toString());
            assertTrue(held.path("waitingFor").asText().contains("/redrive"), held.toString());
            // the application still writes the row whose value cannot be computed
            execute("UPDATE payments SET updated_at = now() WHERE id = 60005");
            assertEquals(0, count("SELECT count(*) FROM payments WHERE id = 60005 AND ratio IS NOT NULL"));
            // the operator fixes the data and re-drives the range, with the CLI
            execute("UPDATE payments SET plan_id = 4 WHERE id = 60005");
            CliRun redrive =
                    CliRun.of("redrive", id, "--planner", stack.planner().baseUrl(), "--token", stack.apiToken());
            assertEquals(0, redrive.exit(), redrive.toString());
            assertTrue(redrive.out().contains("redrive of " + id + " accepted"), redrive.toString());
            end = MigrationWatcher.awaitEnd(stack.plannerClient(), id, Duration.ofMinutes(3), s -> {});
        }
        assertVerified(end);
        assertRows("payments", "ratio", app, "-1", "ratio = 100 / (plan_id + 1)");
        assertLedgerComplete(end.path("id").asText());
    }

    private static JsonNode awaitStatus(String id, java.util.function.Predicate<JsonNode> reached) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        JsonNode status = stack.plannerClient().status(id);
        while (!reached.test(status) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            status = stack.plannerClient().status(id);
        }
        assertTrue(reached.test(status), "migration " + id + " did not get there: " + status);
        return status;
    }

    @Test
    @Order(5)
    void twoPlannersDriveEachStepExactlyOnce() throws Exception {
        stack.startAnother("planner", "planner-2");
        DemoTable.create(stack.database(), "invoices", 20_000);
        // A derived value (not a constant default, which is metadata-only) so there are expand, backfill and contract.
        String id = stack.plannerClient().submit("""
                {"table": "invoices", "column": "currency", "type": "text", "defaultExpression": "'EUR'",
                 "backfillExpression": "'EUR'", "nullable": false, "batchSize": 1000}""");
        JsonNode end = MigrationWatcher.awaitEnd(stack.plannerClient(), id, Duration.ofMinutes(3), s -> {});
        assertVerified(end);
        assertEquals(0, count("SELECT count(*) FROM invoices WHERE currency IS DISTINCT FROM 'EUR'"));
        assertEquals(
                0,
                count("SELECT count(*) FROM (SELECT action FROM colshift.audit_log WHERE migration_id = '" + id
                        + "' GROUP BY action HAVING count(*) > 1) repeated"),
                "a step ran twice");
        long ddlSteps = 0;
        for (JsonNode step : end.path("plan")) {
            ddlSteps += "BACKFILLING".equals(step.path("phase").asText()) ? 0 : 1;
        }
        assertTrue(ddlSteps >= 5, end.toString());
        assertEquals(ddlSteps, count("SELECT count(*) FROM colshift.steps WHERE migration_id = '" + id + "'"));
    }

    private static void assertVerified(JsonNode end) {
        assertEquals("COMPLETED", end.path("phase").asText(), end.toString());
        assertTrue(end.path("verification").size() >= 5, end.toString());
        end.path("verification")
                .forEach(check -> assertTrue(check.path("passed").asBoolean(), check.toString()));
    }

    private static void assertColumn(String table, String column, String type, String nullable, String defaultValue)
            throws Exception {
        try (Connection c = stack.database().connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT format_type(a.atttypid, a.atttypmod), a.attnotnull,"
                        + " pg_get_expr(d.adbin, d.adrelid) FROM pg_attribute a"
                        + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                        + " WHERE a.attrelid = 'public." + table + "'::regclass AND a.attname = '" + column + "'")) {
            assertTrue(rs.next(), column + " is missing");
            assertEquals(type, rs.getString(1));
            assertEquals("NO".equals(nullable), rs.getBoolean(2));
            assertEquals(defaultValue, rs.getString(3));
        }
        assertEquals(0, count("SELECT count(*) FROM pg_constraint WHERE conname LIKE 'colshift_%'"));
    }

    /**
     * The batch ledger holds every stored keyset range exactly once, chained from the key minimum captured at backfill
     * start to the maximum.
     */
    private static void assertLedgerComplete(String id) throws Exception {
        assertEquals(0, count("""
                SELECT count(*) FROM (
                  SELECT lower_key, lag(upper_key) OVER (ORDER BY range_id) AS previous_upper
                  FROM colshift.batches WHERE migration_id = '%s') b
                WHERE previous_upper IS NOT NULL AND previous_upper <> lower_key""".formatted(id)));
        assertEquals(
                count("SELECT batches_total FROM colshift.migrations WHERE id = '" + id + "'"),
                count("SELECT count(*) FROM colshift.batches WHERE migration_id = '" + id + "'"));
        assertEquals(
                count("SELECT count(*) FROM colshift.ranges WHERE migration_id = '" + id + "'"),
                count("SELECT count(*) FROM colshift.batches WHERE migration_id = '" + id + "'"));
        assertEquals(
                1,
                count("SELECT count(*) FROM colshift.migrations m WHERE id = '" + id + "' AND key_min ="
                        + " (SELECT lower_key FROM colshift.batches WHERE migration_id = m.id AND range_id = 0)"
                        + " AND key_max = (SELECT upper_key FROM colshift.batches WHERE migration_id = m.id"
                        + " AND range_id = m.batches_total - 1)"));
    }

    private static void execute(String sql) throws Exception {
        try (Connection c = stack.database().connect();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(String sql) throws Exception {
        try (Connection c = stack.database().connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Rows the application wrote hold the application's value: nothing colshift did overwrote them. Every other row
     * satisfies {@code otherRowsHold}: the value the backfill, the default or the fill trigger was to give it.
     */
    private static void assertRows(
            String table, String column, ApplicationWriter app, String applicationValue, String otherRowsHold)
            throws Exception {
        assertTrue(app.explicitlyWritten().size() > 10, "the application wrote too little to prove anything");
        String written = ids(app.explicitlyWritten());
        assertEquals(
                0,
                count("SELECT count(*) FROM " + table + " WHERE id IN (" + written + ") AND " + column
                        + " IS DISTINCT FROM " + applicationValue),
                "an application-written value was overwritten");
        assertEquals(
                0,
                count("SELECT count(*) FROM " + table + " WHERE id NOT IN (" + written + ") AND (" + otherRowsHold
                        + ") IS NOT TRUE"),
                "a row colshift filled does not hold " + otherRowsHold);
    }

    private static String ids(Set<Long> ids) {
        return ids.isEmpty() ? "NULL" : ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
