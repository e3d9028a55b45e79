package dev.colshift.planner;

import static dev.colshift.planner.PlannerScenario.awaitPhase;
import static dev.colshift.planner.PlannerScenario.submit;
import static io.restassured.RestAssured.get;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colshift.testkit.ReplicatedTestResources;
import dev.colshift.testkit.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * {@code GET /migrations/{id}} shows every streaming replica's lag while the migration runs (what {@code colshift
 * watch} and the status page print), read on a real replica whose replay is paused; an ended migration shows none.
 */
@QuarkusTest
@WithTestResource(ReplicatedTestResources.class)
@EnabledIf("dev.colshift.testkit.LocalPostgres#available")
class ReplicaLagViewTest {

    @Test
    void aRunningMigrationShowsEachReplicasLag() throws Exception {
        TestDatabase.execute(
                "CREATE TABLE lagged (id bigint PRIMARY KEY, n int NOT NULL)",
                "INSERT INTO lagged SELECT g, g FROM generate_series(1, 300) g");
        String id = submit(
                "application/json",
                "{\"table\":\"lagged\",\"column\":\"twice\",\"type\":\"int\",\"backfillExpression\":\"n * 2\","
                        + "\"nullable\":false,\"batchSize\":100}");
        awaitPhase(id, "BACKFILLING"); // no worker: it waits here

        List<Map<String, Object>> replicas = replicas(id);
        assertEquals(1, replicas.size(), "the one replica: " + replicas);
        assertTrue(String.valueOf(replicas.get(0).get("replica")).endsWith("@127.0.0.1"), replicas.toString());

        ReplicatedTestResources.onReplica("SELECT pg_wal_replay_pause()");
        try {
            TestDatabase.execute(
                    "CREATE TABLE lag_filler AS SELECT g, repeat('x', 200) AS s FROM generate_series(1, 30000) g");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> ((Number) replicas(id).get(0).get("lagBytes")).longValue() > 1_000_000);
        } finally {
            ReplicatedTestResources.onReplica("SELECT pg_wal_replay_resume()");
        }

        PlannerScenario.runToCompletion(id);
        assertFalse(
                JsonPath.from(get("/migrations/" + id).asString()).getMap("").containsKey("replicas"),
                "an ended migration shows no replica lag");
    }

    private static List<Map<String, Object>> replicas(String id) {
        return get("/migrations/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("replicas");
    }
}
