package dev.colshift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A backfill over each shape of key — dense and sparse integers, a uuid, a composite text + uuid key — through the
 * whole real stack (packaged planner, two workers each filling two ranges at once, verifier, Kafka, PostgreSQL) while
 * the application writes the table all along, old version then new: it updates random rows (writing its own value
 * into the new column once it exists) and inserts rows, inside the key span and past it. Each time: no row left unfilled, every backfilled row equals the
 * expression, no application write overwritten, the other columns unchanged (checksum), exactly one ledger record per
 * stored range, every verifier check passed, and the application's slowest statement under {@link #SLOWEST_BOUND}.
 */
class AnyKeyEndToEndTest {
    private static final long ROWS = 20_000;
    private static final int BATCH = 1_000;
    /**
     * What colshift may make an application statement wait: a DDL step waits at most the planner's lock timeout (200
     * ms) in the lock queue, and a backfill transaction holds row locks at most the workers' statement timeout (1 s
     * here; a range that needs longer is filled in smaller pieces). The rest of the bound is for a loaded two-core
     * machine, not for colshift.
     */
    private static final Duration SLOWEST_BOUND = Duration.ofSeconds(2);

    private static LocalStack stack;

    /**
     * A table whose key has this shape; every one has {@code weight}, {@code touched} and {@code born}. The
     * application's insert of its old version does not name the new column; its new version's writes its own value.
     */
    record KeyShape(String name, String table, String createTable, String seed, String oldInsert, String newInsert) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<KeyShape> keyShapes() {
        String common =
                "weight int NOT NULL, touched boolean NOT NULL DEFAULT false, born text NOT NULL DEFAULT 'seed'";
        return Stream.of(
                new KeyShape(
                        "dense integer",
                        "dense_items",
                        "CREATE TABLE dense_items (id bigserial PRIMARY KEY, " + common + ")",
                        "INSERT INTO dense_items (weight) SELECT g % 97 FROM generate_series(1, " + ROWS + ") g",
                        "INSERT INTO dense_items (weight, born) VALUES (1, 'app')",
                        "INSERT INTO dense_items (weight, grams, touched, born) VALUES (1, -1, true, 'app')"),
                new KeyShape(
                        "sparse integer",
                        "sparse_items",
                        "CREATE TABLE sparse_items (id bigint PRIMARY KEY, " + common + ")",
                        "INSERT INTO sparse_items (id, weight) SELECT g::bigint * g * 7, g % 97"
                                + " FROM generate_series(1, " + ROWS + ") g",
                        // anywhere in the span and a little past it; a key taken already makes it a no-op
                        "INSERT INTO sparse_items (id, weight, born)"
                                + " VALUES (1 + floor(random() * 3e9)::bigint, 1, 'app') ON CONFLICT DO NOTHING",
                        "INSERT INTO sparse_items (id, weight, grams, touched, born)"
                                + " VALUES (1 + floor(random() * 3e9)::bigint, 1, -1, true, 'app') ON CONFLICT DO NOTHING"),
                new KeyShape(
                        "uuid",
                        "uuid_items",
                        "CREATE TABLE uuid_items (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), " + common + ")",
                        "INSERT INTO uuid_items (weight) SELECT g % 97 FROM generate_series(1, " + ROWS + ") g",
                        "INSERT INTO uuid_items (weight, born) VALUES (1, 'app')",
                        "INSERT INTO uuid_items (weight, grams, touched, born) VALUES (1, -1, true, 'app')"),
                new KeyShape(
                        "composite text + uuid",
                        "shipments",
                        "CREATE TABLE shipments (region text, id uuid DEFAULT gen_random_uuid(), " + common
                                + ", PRIMARY KEY (region, id))",
                        "INSERT INTO shipments (region, weight) SELECT (ARRAY['eu-west', 'EU', 'us', 'apac'])[1 + g % 4],"
                                + " g % 97 FROM generate_series(1, " + ROWS + ") g",
                        "INSERT INTO shipments (region, weight, born) VALUES ('eu', 1, 'app')",
                        "INSERT INTO shipments (region, weight, grams, touched, born) VALUES ('eu', 1, -1, true, 'app')"));
    }

    @BeforeAll
    static void start() {
        Path repository = Path.of("..").toAbsolutePath().normalize();
        Path workDir = Path.of("target", "anykey-" + System.nanoTime()).toAbsolutePath();
        // both workers fill two ranges at once (two consumers of the batch channel each)
        stack = LocalStack.start(
                repository,
                workDir,
                LocalStack.Target.scratch("colshift_anykey"),
                2,
                null,
                Map.of("colshift.worker.statement-timeout", "1s", "colshift.worker.ranges-in-flight", "2"));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @ParameterizedTest(name = "{0} key")
    @MethodSource("keyShapes")
    void backfilledUnderApplicationWritesAndVerified(KeyShape shape) throws Exception {
        String t = shape.table();
        execute(shape.createTable());
        execute(shape.seed());
        execute("ANALYZE " + t);
        String seedChecksum = seedChecksum(t);
        JsonNode end;
        String id;
        try (Application app = new Application(
                "UPDATE " + t + " SET grams = -1, touched = true WHERE ctid =" + " (SELECT ctid FROM " + t
                        + " WHERE NOT touched ORDER BY random() LIMIT 1)",
                "UPDATE " + t + " SET born = born WHERE ctid = (SELECT ctid FROM " + t + " ORDER BY random() LIMIT 1)",
                shape.newInsert(),
                shape.oldInsert())) {
            id = stack.plannerClient().submit("""
                    {"table": "%s", "column": "grams", "type": "integer", "backfillExpression": "weight * 1000",
                     "nullable": false, "batchSize": %d}""".formatted(t, BATCH));
            end = MigrationWatcher.awaitEnd(stack.plannerClient(), id, Duration.ofMinutes(5), st -> {});
            app.assertHealthy();
            System.out.println("AnyKeyEndToEndTest, " + shape + " key: the application ran " + app);
            assertTrue(app.newVersionWrites() > 10, "the application wrote too little with the new column: " + app);
            assertTrue(
                    app.slowest().compareTo(SLOWEST_BOUND) < 0,
                    "an application statement took " + app.slowest().toMillis() + " ms: " + app);
        }
        assertEveryCheckPassed(end);
        assertEquals(0, count("SELECT count(*) FROM " + t + " WHERE grams IS NULL"), "rows left unfilled");
        assertTrue(count("SELECT count(*) FROM " + t + " WHERE touched") > 5, "too few application writes");
        assertEquals(
                0,
                count("SELECT count(*) FROM " + t + " WHERE touched AND grams <> -1"),
                "an application write was overwritten");
        assertEquals(
                0,
                count("SELECT count(*) FROM " + t + " WHERE NOT touched AND grams <> weight * 1000"),
                "a backfilled row does not hold the expression");
        assertEquals(seedChecksum, seedChecksum(t), "the other columns of the table's rows changed");
        long ranges = count("SELECT batches_total FROM colshift.migrations WHERE id = '" + id + "'");
        assertTrue(ranges >= ROWS / BATCH, ranges + " ranges");
        assertEquals(ranges, count("SELECT count(*) FROM colshift.ranges WHERE migration_id = '" + id + "'"));
        assertEquals(ranges, count("SELECT count(*) FROM colshift.batches WHERE migration_id = '" + id + "'"));
        assertEquals(
                0,
                count("SELECT count(*) FROM colshift.ranges r WHERE migration_id = '" + id + "' AND NOT EXISTS"
                        + " (SELECT 1 FROM colshift.batches b WHERE b.migration_id = r.migration_id"
                        + " AND b.range_id = r.range_id AND b.lower_key = r.lower_key AND b.upper_key = r.upper_key)"),
                "a stored range has no ledger record of its own bounds");
    }

    /** The key and the other columns of the rows the table started with. */
    private static String seedChecksum(String table) throws SQLException {
        try (Connection c = stack.database().connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT md5(string_agg(k, ',' ORDER BY k)) FROM (SELECT"
                        + " (SELECT string_agg(a, '|' ORDER BY n) FROM jsonb_each_text(to_jsonb(r) - 'grams' - 'touched') AS e(n, a))"
                        + " AS k FROM " + table + " r WHERE born = 'seed') rows")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** COMPLETED, and every check passed, among them the ones that read the key: the scans and the ledger coverage. */
    private static void assertEveryCheckPassed(JsonNode end) {
        assertEquals("COMPLETED", end.path("phase").asText(), end.toString());
        Set<String> passed = new TreeSet<>();
        end.path("verification").forEach(check -> {
            assertTrue(check.path("passed").asBoolean(), check.toString());
            passed.add(check.path("name").asText());
        });
        assertTrue(
                passed.containsAll(List.of(
                        "column-shape", "no-nulls", "value-consistency", "batch-ledger-coverage", "audit-trail")),
                "checks that passed: " + passed);
    }

    /**
     * The application: in a loop, one update and one insert, each timed. Until the new column exists its old version
     * runs (it writes rows without naming the column); then its new version, which writes its own value (-1) into it.
     */
    private static final class Application implements AutoCloseable {
        private final String update;
        private final String oldUpdate;
        private final String insert;
        private final String oldInsert;
        private final AtomicLong statements = new AtomicLong();
        private final AtomicLong newVersionWrites = new AtomicLong();
        private final AtomicLong slowestNanos = new AtomicLong();
        private final Thread thread = new Thread(this::run, "application");
        private volatile boolean running = true;
        private volatile Exception failure;

        Application(String update, String oldUpdate, String insert, String oldInsert) {
            this.update = update;
            this.oldUpdate = oldUpdate;
            this.insert = insert;
            this.oldInsert = oldInsert;
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            try (Connection c = stack.database().connect();
                    Statement s = c.createStatement()) {
                while (running) {
                    boolean newVersion = timed(s, update, oldUpdate) & timed(s, insert, oldInsert);
                    if (newVersion) {
                        newVersionWrites.addAndGet(2);
                    }
                }
            } catch (Exception e) {
                failure = e;
            }
        }

        /** Runs the new version's statement, or the old one's while the column is missing; true: the new one ran. */
        private boolean timed(Statement s, String newSql, String oldSql) throws SQLException {
            long started = System.nanoTime();
            boolean newVersion = true;
            try {
                s.executeUpdate(newSql);
            } catch (SQLException e) {
                if (!"42703".equals(e.getSQLState())) { // undefined_column: the old version's turn
                    throw e;
                }
                newVersion = false;
                s.executeUpdate(oldSql);
            }
            statements.incrementAndGet();
            slowestNanos.accumulateAndGet(System.nanoTime() - started, Math::max);
            return newVersion;
        }

        long newVersionWrites() {
            return newVersionWrites.get();
        }

        Duration slowest() {
            return Duration.ofNanos(slowestNanos.get());
        }

        void assertHealthy() {
            assertEquals(null, failure, "the application failed");
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(10_000);
        }

        @Override
        public String toString() {
            return statements + " statements, " + newVersionWrites + " with the new column, slowest "
                    + slowest().toMillis() + " ms";
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = stack.database().connect();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = stack.database().connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
