package dev.colshift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Workers scale out and in through the consumer group (cooperative rebalancing): three workers, then one (two stopped
 * as a scale-in would stop them), then three again, all mid-backfill, while an application writes; the end state is
 * exact and each size did its share.
 */
class ScaleOutTest {
    private static final long ROWS = 300_000;
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        Path repository = Path.of("..").toAbsolutePath().normalize();
        Path workDir = Path.of("target", "scale-" + System.nanoTime()).toAbsolutePath();
        stack = LocalStack.start(repository, workDir, LocalStack.Target.scratch("colshift_scale"), 3, null);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void threeWorkersScaledToOneAndBackToThreeFinishExactly() throws Exception {
        DemoTable.create(stack.database(), "scaled", ROWS);
        ApplicationWriter app = new ApplicationWriter(stack.database(), "scaled", ROWS, "plan_code", "-3", true);
        JsonNode end;
        String id;
        try (app) {
            id = stack.plannerClient().submit("""
                    {"table": "scaled", "column": "plan_code", "type": "integer",
                     "backfillExpression": "plan_id * 10 + 3", "nullable": false, "batchSize": 200}""");
            String recorded = "SELECT count(*) FROM colshift.batches WHERE migration_id = '" + id + "'";
            awaitCount(recorded, n -> n >= 30);
            assertEquals(
                    3,
                    count("SELECT count(DISTINCT worker_id) FROM colshift.batches WHERE migration_id = '" + id + "'"),
                    "three workers did not share the backfill");

            stack.stop("worker-2");
            stack.stop("worker-3");
            String scaledIn = timestamp();
            long atScaleIn = count(recorded);
            awaitCount(recorded, n -> n >= atScaleIn + 20);
            assertEquals(
                    0,
                    count("SELECT count(*) FROM colshift.batches WHERE migration_id = '" + id + "' AND completed_at >"
                            + " '" + scaledIn + "' AND worker_id <> 'worker-1'"),
                    "a stopped worker still recorded ranges");
            long total = count("SELECT batches_total FROM colshift.migrations WHERE id = '" + id + "'");
            assertTrue(count(recorded) < total / 2, "the backfill was nearly over before scaling out again");

            String scaledOut = timestamp();
            stack.restartTogether("worker-2", "worker-3");
            end = MigrationWatcher.awaitEnd(stack.plannerClient(), id, Duration.ofMinutes(5), s -> {});
            assertEquals(
                    3,
                    count("SELECT count(DISTINCT worker_id) FROM colshift.batches WHERE migration_id = '" + id
                            + "' AND completed_at > '" + scaledOut + "'"),
                    "the restarted workers took no share");
        }
        assertEquals("COMPLETED", end.path("phase").asText(), end.toString());
        end.path("verification")
                .forEach(check -> assertTrue(check.path("passed").asBoolean(), check.toString()));
        assertEquals(0, count("SELECT count(*) FROM scaled WHERE plan_code IS NULL"));
        StackSql.assertApplicationAndBackfillAgree(stack, "scaled", "plan_code", app, "-3", "plan_id * 10 + 3");
        assertEquals(
                count("SELECT batches_total FROM colshift.migrations WHERE id = '" + id + "'"),
                count("SELECT count(*) FROM colshift.batches WHERE migration_id = '" + id + "'"),
                "not exactly one ledger record per range");
    }

    private static void awaitCount(String sql, LongPredicate reached) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        long n = count(sql);
        while (!reached.test(n) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            n = count(sql);
        }
        assertTrue(reached.test(n), sql + " is still " + n);
    }

    private static String timestamp() throws Exception {
        return StackSql.text(stack, "SELECT clock_timestamp()::text");
    }

    private static long count(String sql) throws Exception {
        return StackSql.count(stack, sql);
    }
}
