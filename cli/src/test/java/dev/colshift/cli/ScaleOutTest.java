package dev.colshift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Workers scale out and in through the consumer group (cooperative rebalancing): three workers, then one (two stopped
 * as a scale-in would stop them), then three again (the migration paused while they start, so work is left for them),
 * all mid-backfill, while an application writes; the end state is exact and each size did its share.
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
            // held while the two start and join the group, so there is work left for them once it goes on
            assertEquals(
                    202,
                    stack.plannerClient().post("/migrations/" + id + "/pause").status());
            awaitPhase(id, "PAUSED");
            long left = count("SELECT CASE WHEN ranges_walked THEN batches_total ELSE " + Long.MAX_VALUE
                            + " END FROM colshift.migrations WHERE id = '" + id + "'")
                    - count(recorded);
            assertTrue(left >= 60, "too little left to share after scaling out again: " + left + " ranges");
            stack.restartTogether("worker-2", "worker-3");
            String scaledOut = timestamp();
            assertEquals(
                    202,
                    stack.plannerClient().post("/migrations/" + id + "/resume").status());
            end = MigrationWatcher.awaitEnd(stack.plannerClient(), id, Duration.ofMinutes(5), s -> {});
            // resume publishes every range again (the done ones are skipped), so each partition has some: each
            // restarted worker received ranges; which of them were still to do depends on the partitions they got
            for (String restarted : List.of("worker-2", "worker-3")) {
                assertTrue(rangesReceived(restarted) > 0, restarted + " received no range after it was restarted");
            }
            assertTrue(
                    count("SELECT count(*) FROM colshift.batches WHERE migration_id = '" + id + "' AND completed_at >"
                                    + " '" + scaledOut + "' AND worker_id IN ('worker-2', 'worker-3')")
                            > 0,
                    "the restarted workers filled no range: "
                            + StackSql.text(
                                    stack,
                                    "SELECT string_agg(w, ', ') FROM"
                                            + " (SELECT worker_id || '=' || count(*) AS w FROM colshift.batches WHERE migration_id = '"
                                            + id + "' AND completed_at > '" + scaledOut + "' GROUP BY worker_id) s"));
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

    private static void awaitPhase(String id, String phase) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!phase.equals(stack.plannerClient().status(id).path("phase").asText()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(phase, stack.plannerClient().status(id).path("phase").asText());
    }

    /** Ranges the worker received since it started: filled, or found done already. */
    private static double rangesReceived(String worker) throws Exception {
        return WorkerRanges.received(
                stack.workers().stream()
                        .filter(w -> w.name().equals(worker))
                        .findFirst()
                        .orElseThrow(),
                null);
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
