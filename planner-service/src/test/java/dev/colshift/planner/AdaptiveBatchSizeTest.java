package dev.colshift.planner;

import static dev.colshift.planner.PlannerScenario.awaitPhase;
import static dev.colshift.planner.PlannerScenario.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colshift.testkit.ColshiftTestResources;
import dev.colshift.testkit.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With a target batch time, a request that names no batch size gets ranges sized from the recorded ranges' times (the
 * walk grows them by at most 1.5x a round toward what fits the target) and never more than {@code ranges-ahead} of
 * them waiting for the workers; the backfill still covers every row exactly once.
 */
@QuarkusTest
@WithTestResource(ColshiftTestResources.class)
@TestProfile(AdaptiveBatchSizeTest.Adaptive.class)
class AdaptiveBatchSizeTest {
    private static final int ROWS = 20_000;

    public static class Adaptive implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "colshift.planner.target-batch-time", "100ms",
                    "colshift.planner.ranges-ahead", "2",
                    "colshift.planner.default-batch-size", "1000");
        }
    }

    @Test
    void rangesGrowTowardTheTargetWithAFewAheadOfTheWorkers() throws Exception {
        TestDatabase.execute(
                "CREATE TABLE adaptive (id bigint PRIMARY KEY, n int NOT NULL)",
                "INSERT INTO adaptive SELECT g, g FROM generate_series(1, " + ROWS + ") g");
        String id = submit(
                "application/json",
                "{\"table\":\"adaptive\",\"column\":\"twice\",\"type\":\"int\",\"backfillExpression\":\"n * 2\","
                        + "\"nullable\":false}");
        awaitPhase(id, "BACKFILLING");

        // every range "takes" 0.05 ms a row: 2,000 rows fit the 100 ms target
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        List<Integer> outstandingSeen = new ArrayList<>();
        while (!"1"
                .equals(TestDatabase.scalar("SELECT count(*) FROM colshift.migrations m WHERE id = '" + id
                        + "' AND ranges_walked AND NOT EXISTS (SELECT 1 FROM colshift.ranges r WHERE r.migration_id = m.id"
                        + " AND NOT EXISTS (SELECT 1 FROM colshift.batches b"
                        + " WHERE b.migration_id = r.migration_id AND b.range_id = r.range_id))"))) {
            assertTrue(
                    System.nanoTime() < deadline,
                    "the walk did not end: "
                            + TestDatabase.scalar("SELECT concat_ws(' ', phase, ranges_walked,"
                                    + " walk_batch_size, batches_published, ranges_published_below, waiting_for,"
                                    + " (SELECT count(*) FROM colshift.ranges WHERE migration_id = id),"
                                    + " (SELECT count(*) FROM colshift.batches WHERE migration_id = id))"
                                    + " FROM colshift.migrations WHERE id = '" + id + "'"));
            outstandingSeen.add(PlannerScenario.fillOpenRanges(id, rows -> rows / 20));
            Thread.sleep(50);
        }
        PlannerScenario.runToCompletion(id);

        assertTrue(outstandingSeen.stream().allMatch(n -> n <= 2), "ranges waiting at once: " + outstandingSeen);
        List<Long> sizes = new ArrayList<>();
        for (String size : TestDatabase.scalar("SELECT string_agg(rows_updated::text, ',' ORDER BY range_id)"
                        + " FROM colshift.batches WHERE migration_id = '" + id + "'")
                .split(",")) {
            sizes.add(Long.parseLong(size));
        }
        assertEquals(1000L, sizes.get(0), "the walk starts at the default batch size: " + sizes);
        List<Long> full = sizes.subList(0, sizes.size() - 1); // the last range ends at the key maximum: any size
        for (int i = 1; i < full.size(); i++) {
            assertTrue(
                    full.get(i) >= full.get(i - 1) && full.get(i) <= full.get(i - 1) * 3 / 2,
                    "each round grows by at most 1.5x toward the target: " + sizes);
        }
        assertTrue(full.contains(1500L), "1,000 then 1,500 then 2,000: " + sizes);
        int reached = full.indexOf(2000L);
        assertTrue(reached > 0, "2,000 rows fit the target: " + sizes);
        assertTrue(full.subList(reached, full.size()).stream().allMatch(n -> n == 2000L), "and stay: " + sizes);
        assertEquals(ROWS, sizes.stream().mapToLong(Long::longValue).sum(), "every row once: " + sizes);
        assertEquals(
                "2000", TestDatabase.scalar("SELECT walk_batch_size FROM colshift.migrations WHERE id = '" + id + "'"));
        assertEquals("0", TestDatabase.scalar("SELECT count(*) FROM adaptive WHERE twice IS DISTINCT FROM n * 2"));
    }
}
