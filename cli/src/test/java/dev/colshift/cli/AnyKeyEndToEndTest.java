package dev.colshift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Backfills over a composite text + uuid key and over a uuid key through the whole real stack (packaged planner, two workers, verifier,
 * Kafka, PostgreSQL) while the application writes the table: keyset ranges walked and stored, filled by the workers,
 * and every verifier check passes (its scans and its ledger coverage work for any key).
 */
class AnyKeyEndToEndTest {
    private static final long ROWS = 30_000;
    private static final int BATCH = 1_000;
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        Path repository = Path.of("..").toAbsolutePath().normalize();
        Path workDir = Path.of("target", "anykey-" + System.nanoTime()).toAbsolutePath();
        stack = LocalStack.start(repository, workDir, LocalStack.Target.scratch("colshift_anykey"), 2, null);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void compositeTextAndUuidKeyIsBackfilledAndVerified() throws Exception {
        execute("CREATE TABLE shipments (region text, id uuid DEFAULT gen_random_uuid(), weight int NOT NULL,"
                + " touched boolean NOT NULL DEFAULT false, PRIMARY KEY (region, id))");
        execute("INSERT INTO shipments (region, weight) SELECT (ARRAY['eu-west', 'EU', 'us', 'apac'])[1 + g % 4],"
                + " g % 97 FROM generate_series(1, " + ROWS + ") g");
        execute("ANALYZE shipments");
        String id = stack.plannerClient().submit("""
                {"table": "shipments", "column": "grams", "type": "integer", "backfillExpression": "weight * 1000",
                 "nullable": false, "batchSize": %d}""".formatted(BATCH));
        JsonNode end;
        AtomicLong writes = new AtomicLong();
        try (Connection app = stack.database().connect();
                Statement s = app.createStatement()) {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (count("SELECT count(*) FROM colshift.migrations WHERE id = '" + id
                                    + "' AND phase NOT IN ('ACCEPTED', 'EXPANDING')")
                            == 0
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            // the application writes its own value into rows while the backfill runs, and inserts rows with it
            while (count("SELECT count(*) FROM colshift.migrations WHERE id = '" + id + "' AND phase = 'BACKFILLING'")
                    > 0) {
                s.executeUpdate("UPDATE shipments SET grams = -1, touched = true WHERE ctid ="
                        + " (SELECT ctid FROM shipments WHERE NOT touched ORDER BY random() LIMIT 1)");
                s.executeUpdate("INSERT INTO shipments (region, weight, grams, touched) VALUES ('eu', 1, -1, true)");
                writes.addAndGet(2);
            }
            end = MigrationWatcher.awaitEnd(stack.plannerClient(), id, Duration.ofMinutes(5), st -> {});
        }
        assertEveryCheckPassed(end);
        assertTrue(writes.get() > 10, "the application wrote too little during the backfill: " + writes);
        assertEquals(0, count("SELECT count(*) FROM shipments WHERE grams IS NULL"));
        assertEquals(0, count("SELECT count(*) FROM shipments WHERE touched AND grams <> -1"));
        assertEquals(0, count("SELECT count(*) FROM shipments WHERE NOT touched AND grams <> weight * 1000"));
        // the application's inserts inside the captured span, before the walk reached them, may add keys to walk
        long ranges = count("SELECT batches_total FROM colshift.migrations WHERE id = '" + id + "'");
        assertTrue(ranges >= (ROWS + BATCH - 1) / BATCH, ranges + " ranges");
        assertEquals(ranges, count("SELECT count(*) FROM colshift.ranges WHERE migration_id = '" + id + "'"));
        assertEquals(ranges, count("SELECT count(*) FROM colshift.batches WHERE migration_id = '" + id + "'"));
        assertEquals(0, count("""
                SELECT count(*) FROM (
                  SELECT lower_key, lag(upper_key) OVER (ORDER BY range_id) AS previous_upper
                  FROM colshift.batches WHERE migration_id = '%s') b
                WHERE previous_upper IS NOT NULL AND previous_upper <> lower_key""".formatted(id)));
    }

    @Test
    void uuidKeyIsBackfilledAndVerified() throws Exception {
        execute("CREATE TABLE devices (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), model int NOT NULL)");
        execute("INSERT INTO devices (model) SELECT g % 13 FROM generate_series(1, 12000) g");
        execute("ANALYZE devices");
        String id = stack.plannerClient().submit("""
                {"table": "devices", "column": "generation", "type": "bigint", "backfillExpression": "model + 1",
                 "nullable": false, "batchSize": %d}""".formatted(BATCH));
        JsonNode end = MigrationWatcher.awaitEnd(stack.plannerClient(), id, Duration.ofMinutes(5), st -> {});
        assertEveryCheckPassed(end);
        assertEquals(0, count("SELECT count(*) FROM devices WHERE generation IS DISTINCT FROM model + 1"));
        long ranges = count("SELECT count(*) FROM colshift.ranges WHERE migration_id = '" + id + "'");
        assertTrue(ranges >= 12, ranges + " ranges for 12,000 keys in ranges of 1,000");
        assertEquals(ranges, count("SELECT count(*) FROM colshift.batches WHERE migration_id = '" + id + "'"));
    }

    /** COMPLETED, and every check passed, among them the ones that read the key: the scans and the ledger coverage. */
    private static void assertEveryCheckPassed(JsonNode end) {
        assertEquals("COMPLETED", end.path("phase").asText(), end.toString());
        java.util.Set<String> passed = new java.util.TreeSet<>();
        end.path("verification").forEach(check -> {
            assertTrue(check.path("passed").asBoolean(), check.toString());
            passed.add(check.path("name").asText());
        });
        assertTrue(
                passed.containsAll(java.util.List.of(
                        "column-shape", "no-nulls", "value-consistency", "batch-ledger-coverage", "audit-trail")),
                "checks that passed: " + passed);
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
}
