package dev.colshift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colshift.schemas.EventCodec;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The planner commands, run as a user runs them (picocli, captured output) against the packaged services of one
 * {@link LocalStack}: what they print, what they change, and the exit code a script sees.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliCommandsTest {
    private static final long ROWS = 20_000;
    private static LocalStack stack;
    private static String appliedId;
    private static String backfilledId;

    @TempDir
    static Path files;

    @BeforeAll
    static void start() throws Exception {
        Path repository = Path.of("..").toAbsolutePath().normalize();
        Path workDir = Path.of("target", "cli-" + System.nanoTime()).toAbsolutePath();
        stack = LocalStack.start(repository, workDir, LocalStack.Target.scratch("colshift_cli"), 1, null);
        DemoTable.create(stack.database(), "members", ROWS);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static CliRun colshift(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--planner";
        all[args.length + 1] = stack.planner().baseUrl();
        all[args.length + 2] = "--token";
        all[args.length + 3] = stack.apiToken();
        return CliRun.of(all);
    }

    private static String file(String name, String content) throws Exception {
        return Files.writeString(files.resolve(name), content).toString();
    }

    @Test
    @Order(1)
    void planShowsTheStepsAndChangesNothing() throws Exception {
        String sql =
                file("last_login.sql", "ALTER TABLE members ADD COLUMN last_login timestamptz DEFAULT now() NOT NULL;");
        long migrationsBefore = count("SELECT count(*) FROM colshift.migrations");

        CliRun run = colshift("plan", sql);

        assertEquals(ExitCode.OK, run.exit(), run.toString());
        assertTrue(
                run.out().contains("plan for public.members.last_login timestamp with time zone (key id): 1 step"),
                run.toString());
        assertTrue(run.out().contains("1. add_column:public.members:last_login"), run.toString());
        assertTrue(run.out().contains("observed AccessExclusiveLock, no rewrite, no scan"), run.toString());
        assertTrue(
                run.out().contains("SQL ALTER TABLE \"public\".\"members\" ADD COLUMN \"last_login\""), run.toString());
        assertTrue(run.out().contains("INFO    add-column-metadata-only"), run.toString());
        assertTrue(run.out().strip().endsWith("dry run: nothing was changed"), run.toString());
        assertEquals(
                0,
                count(
                        "SELECT count(*) FROM pg_attribute WHERE attrelid = 'members'::regclass AND attname = 'last_login'"));
        assertEquals(migrationsBefore, count("SELECT count(*) FROM colshift.migrations"));

        // a SQL file's watch queries go as parameters; the planner plans each before anything changes
        JsonNode watched = EventCodec.mapper()
                .readTree(colshift(
                                "plan",
                                sql,
                                "--watch-query",
                                "SELECT id FROM members WHERE id = 42",
                                "--watch-query",
                                "SELECT count(*) FROM members",
                                "-o",
                                "json")
                        .out());
        assertEquals(
                "SELECT id FROM members WHERE id = 42",
                watched.path("plan").path("watchQueries").path(0).path("sql").asText(),
                watched.toString());
        assertEquals(2, watched.path("plan").path("watchQueries").size(), watched.toString());
        assertEquals(migrationsBefore, count("SELECT count(*) FROM colshift.migrations"));
    }

    @Test
    @Order(2)
    void planOutputJsonIsThePlannersJson() throws Exception {
        String spec = file("plan_code.json", """
                {"table":"members","column":"plan_code","type":"smallint","backfillExpression":"plan_id * 10","nullable":false}""");

        CliRun run = colshift("plan", spec, "--output", "json");

        assertEquals(ExitCode.OK, run.exit(), run.toString());
        JsonNode answer = EventCodec.mapper().readTree(run.out());
        assertTrue(answer.path("dryRun").asBoolean(), run.toString());
        assertEquals(7, answer.path("plan").path("steps").size(), run.toString());
        assertEquals(
                "backfill:public.members:plan_code",
                answer.path("plan").path("steps").get(1).path("id").asText());
    }

    @Test
    @Order(3)
    void applyFollowsTheMigrationToItsVerifiedEnd() throws Exception {
        CliRun run = colshift("apply", files.resolve("last_login.sql").toString());

        assertEquals(ExitCode.OK, run.exit(), run.toString());
        assertTrue(
                run.out().matches("(?s)migration (m\\S+) accepted: public\\.members\\.last_login, 1 step\\(s\\).*"),
                run.toString());
        appliedId = run.out().split("\\s+")[1];
        assertTrue(run.out().contains("COMPLETED"), run.toString());
        assertTrue(run.out().strip().endsWith("verified: " + appliedId), run.toString());
        assertEquals(0, count("SELECT count(*) FROM members WHERE last_login IS NULL"));
        assertEquals(
                1,
                count(
                        "SELECT count(*) FROM pg_attribute WHERE attrelid = 'members'::regclass AND attname = 'last_login' AND attnotnull"));
    }

    @Test
    @Order(4)
    void applyWithABackfillAndOutputJson() throws Exception {
        String spec = file("plan_code_batched.json", """
                {"table":"members","column":"plan_code","type":"smallint","backfillExpression":"plan_id * 10",
                 "nullable":false,"batchSize":2000}""");

        CliRun run = colshift("apply", spec, "-o", "json");

        assertEquals(ExitCode.OK, run.exit(), run.toString());
        JsonNode end = EventCodec.mapper().readTree(run.out());
        assertEquals("COMPLETED", end.path("phase").asText(), run.toString());
        assertEquals(10, end.path("batchesTotal").asLong(), run.toString());
        backfilledId = end.path("id").asText();
        assertEquals(0, count("SELECT count(*) FROM members WHERE plan_code IS DISTINCT FROM plan_id * 10"));
    }

    @Test
    @Order(5)
    void statusAndWatchOfAnEndedMigration() throws Exception {
        CliRun status = colshift("status", appliedId);
        assertEquals(ExitCode.OK, status.exit(), status.toString());
        assertTrue(status.out().startsWith(appliedId), status.toString());
        assertTrue(
                status.out().contains("COMPLETED    public.members.last_login timestamp with time zone"),
                status.toString());
        // every check the verifier ran passed, however many it runs
        assertTrue(
                java.util.regex.Pattern.compile("verification: (\\d+) of \\1 checks passed")
                        .matcher(status.out())
                        .find(),
                status.toString());

        JsonNode json = EventCodec.mapper()
                .readTree(colshift("status", appliedId, "-o", "json").out());
        assertEquals(appliedId, json.path("id").asText());
        assertEquals("COMPLETED", json.path("phase").asText());

        CliRun watch = colshift("watch", appliedId);
        assertEquals(ExitCode.OK, watch.exit(), watch.toString());
        assertTrue(watch.out().startsWith("[####################] 100.0%  COMPLETED"), watch.toString());
        assertTrue(watch.out().strip().endsWith("verified: " + appliedId), watch.toString());
    }

    @Test
    @Order(5)
    void statusWithoutAnIdListsTheMigrationsNewestFirst() throws Exception {
        CliRun list = colshift("status");

        assertEquals(ExitCode.OK, list.exit(), list.toString());
        List<String> lines = list.out().lines().toList();
        assertEquals(3, lines.size(), list.toString());
        assertTrue(lines.get(0).startsWith(backfilledId), list.toString());
        assertTrue(lines.get(0).endsWith("COMPLETED    public.members.plan_code smallint  100.0%"), list.toString());
        assertTrue(lines.get(1).startsWith(appliedId), list.toString());
        assertTrue(
                lines.get(1).endsWith("COMPLETED    public.members.last_login timestamp with time zone  100.0%"),
                list.toString());
        assertEquals("2 migration(s)", lines.get(2));

        CliRun newest = colshift("status", "--limit", "1", "-o", "json");
        assertEquals(ExitCode.OK, newest.exit(), newest.toString());
        JsonNode listing = EventCodec.mapper().readTree(newest.out());
        assertEquals(1, listing.path("migrations").size(), newest.toString());
        assertEquals(backfilledId, listing.path("migrations").get(0).path("id").asText());

        CliRun bad = colshift("status", "--limit", "0");
        assertEquals(ExitCode.BAD_INPUT, bad.exit(), bad.toString());
        assertTrue(
                bad.errorLine().startsWith("colshift status: https://colshift.dev/problems/invalid-limit: "),
                bad.toString());
    }

    @Test
    @Order(5)
    void auditPrintsWhoDidWhatAndTheSql() {
        CliRun audit = colshift("audit", appliedId);

        assertEquals(ExitCode.OK, audit.exit(), audit.toString());
        assertTrue(
                audit.out().contains("  planner  add_column:public.members:last_login  SUCCEEDED\n"), audit.toString());
        assertTrue(
                audit.out().contains("    SQL ALTER TABLE \"public\".\"members\" ADD COLUMN \"last_login\""),
                audit.toString());
        assertTrue(audit.out().contains("  verifier  verify:no-nulls  SUCCEEDED\n"), audit.toString());
        assertTrue(audit.out().strip().matches("(?s).*\\n\\d+ audit entries"), audit.toString());
    }

    @Test
    @Order(5)
    void verifyRunsEveryCheckAgainOnAFinishedMigration() {
        CliRun verify = colshift("verify", appliedId);

        assertEquals(ExitCode.OK, verify.exit(), verify.toString());
        assertTrue(verify.out().contains("  PASS  no-nulls: "), verify.toString());
        assertTrue(verify.out().strip().endsWith("verified: " + appliedId), verify.toString());
    }

    @Test
    @Order(6)
    void aBadFileIsExit2WithTheProblemTypeOnOneLineAndNothingChanged() throws Exception {
        String sql = file("bad.sql", "ALTER TABLE members ADD COLUMN broken integr");
        long migrationsBefore = count("SELECT count(*) FROM colshift.migrations");

        CliRun run = colshift("apply", sql);

        assertEquals(ExitCode.BAD_INPUT, run.exit(), run.toString());
        assertEquals(
                "colshift apply: https://colshift.dev/problems/invalid-type: 'integr' is not a usable column type:"
                        + " type \"integr\" does not exist",
                run.errorLine());
        assertEquals(migrationsBefore, count("SELECT count(*) FROM colshift.migrations"));

        CliRun json = colshift("plan", sql, "-o", "json");
        assertEquals(ExitCode.BAD_INPUT, json.exit(), json.toString());
        assertEquals(
                "https://colshift.dev/problems/invalid-type",
                EventCodec.mapper().readTree(json.out()).path("type").asText());

        CliRun unknown = colshift("status", "m-no-such-migration");
        assertEquals(ExitCode.BAD_INPUT, unknown.exit(), unknown.toString());
        assertTrue(unknown.errorLine().contains("https://colshift.dev/problems/not-found"), unknown.toString());
    }

    @Test
    @Order(6)
    void aHazardIsRefusedUnlessAllowed() throws Exception {
        String sql = file(
                "generated.sql", "ALTER TABLE members ADD COLUMN doubled int GENERATED ALWAYS AS (plan_id * 2) STORED");

        CliRun refused = colshift("plan", sql);
        assertEquals(ExitCode.BAD_INPUT, refused.exit(), refused.toString());
        assertTrue(
                refused.errorLine()
                        .startsWith("colshift plan: https://colshift.dev/problems/generated-stored-rewrites: "),
                refused.toString());

        CliRun allowed = colshift("plan", sql, "--allow-hazard", "generated-stored-rewrites");
        assertEquals(ExitCode.OK, allowed.exit(), allowed.toString());
        assertTrue(allowed.out().contains("REWRITES the table"), allowed.toString());
    }

    /** Exit 4 and one line while the planner lacks the route; the day it has the route, the command is no longer 4. */
    @ParameterizedTest
    @ValueSource(strings = {"pause", "resume", "cancel", "rollback", "verify", "audit", "list"})
    @Order(7)
    void aRouteThePlannerLacksIsExit4InOneLine(String command) {
        String[] args = command.equals("list") ? new String[] {"status"} : new String[] {command, appliedId};
        PlannerClient raw = stack.plannerClient();
        PlannerAnswer route = switch (command) {
            case "audit" -> raw.get("/migrations/" + appliedId + "/audit");
            case "list" -> raw.get("/migrations");
            default -> raw.post("/migrations/" + appliedId + "/" + command);
        };
        boolean lacking = (route.status() == 404 || route.status() == 405) && !route.problem();

        CliRun run = colshift(args);

        if (lacking) {
            assertEquals(ExitCode.NOT_SUPPORTED, run.exit(), run.toString());
            String feature = command.equals("list") ? "listing migrations" : command;
            assertTrue(
                    run.errorLine()
                            .startsWith("colshift " + args[0] + ": this planner does not support " + feature + " yet"),
                    run.toString());
        } else {
            assertNotEquals(ExitCode.NOT_SUPPORTED, run.exit(), run.toString());
        }
    }

    @Test
    @Order(8)
    void anUnreachablePlannerOrAWrongTokenIsExit3() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        CliRun unreachable = CliRun.of("status", "m1", "--planner", "http://127.0.0.1:" + closedPort);
        assertEquals(ExitCode.PLANNER_UNAVAILABLE, unreachable.exit(), unreachable.toString());
        assertTrue(
                unreachable
                        .errorLine()
                        .startsWith(
                                "colshift status: the planner at http://127.0.0.1:" + closedPort + " did not answer"),
                unreachable.toString());

        CliRun unauthorized = CliRun.of(
                "apply",
                files.resolve("last_login.sql").toString(),
                "--planner",
                stack.planner().baseUrl(),
                "--token",
                "wrong");
        assertEquals(ExitCode.PLANNER_UNAVAILABLE, unauthorized.exit(), unauthorized.toString());
        assertTrue(unauthorized.errorLine().contains("refused the API token (HTTP 401"), unauthorized.toString());
    }

    private static long count(String sql) throws Exception {
        try (Connection c = stack.database().connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
