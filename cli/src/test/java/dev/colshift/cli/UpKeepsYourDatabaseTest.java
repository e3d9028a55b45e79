package dev.colshift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colshift.testkit.PostgresServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code colshift up} run as a user runs it (its own JVM, {@code ColshiftCommand up}, COLSHIFT_PG_URL in the
 * environment, stopped by SIGTERM as Ctrl-C would) against a database the test created with a table and rows in it:
 * the table, its rows and the database are all still there after {@code up} has run and shut down, and a session the
 * "application" held open on it was never ended.
 */
class UpKeepsYourDatabaseTest {
    private static final int ROWS = 1_000;
    private static final Pattern EXPORT = Pattern.compile(
            "^\\s*export COLSHIFT_PLANNER_URL=(http://127\\.0\\.0\\.1:\\d+) COLSHIFT_API_TOKEN=(\\w+)$");

    private static PostgresServer server;

    @BeforeAll
    static void startPostgres() {
        server = PostgresServer.startOrConnect(
                Path.of("target", "up-keeps-" + System.nanoTime()).toAbsolutePath());
    }

    @AfterAll
    static void stopPostgres() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void upUsesTheDatabaseTheUrlNamesAndNeverDropsIt() throws Exception {
        PostgresServer.Database yours = server.createDatabase("colshift_yours");
        try (Connection application = yours.connect()) {
            createAccounts(yours);
            Up up = Up.start(url(yours.name()), "--workers", "1");
            try {
                assertTrue(schemaExists(yours, "colshift"), "the planner put its ledger in the named database");
                // The printed export line is enough to drive it: a real migration on the user's own table.
                PlannerClient planner = new PlannerClient(up.plannerUrl, up.apiToken);
                String id = planner.submit("""
                        {"table": "accounts", "column": "tier", "type": "int", "defaultExpression": "7",
                         "nullable": false, "batchSize": 250}""");
                JsonNode end = MigrationWatcher.awaitEnd(planner, id, Duration.ofMinutes(3), s -> {});
                assertEquals("COMPLETED", end.path("phase").asText(), end.toString());
            } finally {
                up.stop();
            }
            assertTrue(up.output().contains("database " + yours.name() + " kept"), up.output());
            assertTrue(up.output().contains("status page     " + up.plannerUrl + "/"), up.output());
            assertTrue(yours.exists(), "the database is still there");
            assertTrue(application.isValid(2), "the application's session was never ended");
            assertAccountsIntact(yours);
            assertEquals(ROWS, count(yours, "SELECT count(*) FROM accounts WHERE tier = 7"));
        } finally {
            yours.drop(); // the test created it
        }
    }

    @Test
    void upWithDatabaseOptionUsesAnExistingDatabaseAndNeverDropsIt() throws Exception {
        PostgresServer.Database yours = server.createDatabase("colshift_yours");
        try (Connection application = yours.connect()) {
            createAccounts(yours);
            // The URL names no database, so only --database says where to go.
            Up up = Up.start(url(""), "--workers", "1", "--database", yours.name());
            try {
                assertTrue(up.output().contains("database        " + yours.name() + " (used as it is"), up.output());
                assertTrue(schemaExists(yours, "colshift"), "the planner put its ledger in the named database");
            } finally {
                up.stop();
            }
            assertTrue(yours.exists(), "the database is still there");
            assertTrue(application.isValid(2), "the application's session was never ended");
            assertAccountsIntact(yours);
        } finally {
            yours.drop(); // the test created it
        }
    }

    private static void createAccounts(PostgresServer.Database db) throws SQLException {
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, name text NOT NULL)");
            s.execute("INSERT INTO accounts SELECT g, 'account ' || g FROM generate_series(1, " + ROWS + ") g");
        }
    }

    private static void assertAccountsIntact(PostgresServer.Database db) throws SQLException {
        assertEquals(ROWS, count(db, "SELECT count(*) FROM accounts"));
        assertEquals(ROWS, count(db, "SELECT count(*) FROM accounts WHERE name = 'account ' || id"));
    }

    private static long count(PostgresServer.Database db, String sql) throws SQLException {
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static boolean schemaExists(PostgresServer.Database db, String schema) throws SQLException {
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** {@code postgresql://user[:password]@host:port/path} for the test's server. */
    private static String url(String path) {
        String credentials =
                encode(server.user()) + (server.password().isEmpty() ? "" : ":" + encode(server.password()));
        return "postgresql://" + credentials + "@" + server.host() + ":" + server.port() + "/" + path;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A running {@code colshift up}: the CLI's main class in its own JVM, as the launcher script runs it. */
    private static final class Up {
        private final Process process;
        private final List<String> lines = new ArrayList<>();
        private final List<ProcessHandle> children = new ArrayList<>();
        private Thread reader;
        private String plannerUrl;
        private String apiToken;

        private Up(Process process) {
            this.process = process;
        }

        static Up start(String pgUrl, String... args) throws IOException, InterruptedException {
            Path repository = Path.of("..").toAbsolutePath().normalize();
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dcolshift.home=" + repository,
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "-cp",
                    System.getProperty("java.class.path"),
                    ColshiftCommand.class.getName(),
                    "up"));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put(PostgresServer.URL_ENV, pgUrl);
            builder.environment().remove("COLSHIFT_KAFKA_BOOTSTRAP");
            Up up = new Up(builder.start());
            try {
                up.awaitExportLine();
            } catch (RuntimeException | Error e) {
                up.stop();
                throw e;
            }
            return up;
        }

        private void awaitExportLine() {
            reader = new Thread(
                    () -> {
                        try (BufferedReader in = new BufferedReader(
                                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                            for (String line; (line = in.readLine()) != null; ) {
                                System.out.println("[up] " + line);
                                synchronized (lines) {
                                    lines.add(line);
                                    lines.notifyAll();
                                }
                            }
                        } catch (IOException ignored) {
                            // the process ended
                        }
                    },
                    "up-output");
            reader.setDaemon(true);
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
            synchronized (lines) {
                for (int seen = 0; ; ) {
                    for (; seen < lines.size(); seen++) {
                        Matcher m = EXPORT.matcher(lines.get(seen));
                        if (m.matches()) {
                            plannerUrl = m.group(1);
                            apiToken = m.group(2);
                            children.addAll(process.descendants().toList());
                            return;
                        }
                    }
                    long left = deadline - System.nanoTime();
                    if (!process.isAlive() || left <= 0) {
                        fail("colshift up printed no export line (alive=" + process.isAlive() + "):\n"
                                + String.join("\n", lines));
                    }
                    try {
                        lines.wait(Math.max(1, Math.min(1000, TimeUnit.NANOSECONDS.toMillis(left))));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        fail("interrupted");
                    }
                }
            }
        }

        /** SIGTERM, as Ctrl-C would; waits for the shutdown to finish and checks it left no service running. */
        void stop() throws InterruptedException {
            // Through the handle: Process.destroy() would also close our end of its output, losing the last lines.
            process.toHandle().destroy();
            boolean exited = process.waitFor(2, TimeUnit.MINUTES);
            List<ProcessHandle> leftOver =
                    children.stream().filter(ProcessHandle::isAlive).toList();
            leftOver.forEach(ProcessHandle::destroyForcibly);
            if (!exited) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                fail("colshift up did not stop within 2 minutes of SIGTERM:\n" + output());
            }
            assertTrue(leftOver.isEmpty(), "services left running: " + leftOver);
            reader.join(TimeUnit.SECONDS.toMillis(30)); // the output ends with the process: read it to the end
            synchronized (lines) {
                lines.add("(exit code " + process.exitValue() + ")");
            }
        }

        String output() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }
    }
}
