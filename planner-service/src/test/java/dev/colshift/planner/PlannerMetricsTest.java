package dev.colshift.planner;

import static dev.colshift.planner.PlannerScenario.awaitPhase;
import static dev.colshift.planner.PlannerScenario.runToCompletion;
import static dev.colshift.planner.PlannerScenario.submit;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colshift.testkit.ColshiftTestResources;
import dev.colshift.testkit.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code /q/metrics}: migrations by phase, and an unfinished migration's progress under its id, gone once it ends. */
@QuarkusTest
@WithTestResource(ColshiftTestResources.class)
class PlannerMetricsTest {
    @Test
    void migrationsByPhaseAndTheProgressOfUnfinishedOnes() throws Exception {
        TestDatabase.execute(
                "CREATE TABLE metrics_t (id bigint PRIMARY KEY, plan_id int NOT NULL)",
                "INSERT INTO metrics_t SELECT g, g % 5 FROM generate_series(1, 1000) g");
        String id = submit(
                "application/json",
                "{\"table\":\"metrics_t\",\"column\":\"plan_code\",\"type\":\"int\",\"backfillExpression\":"
                        + "\"plan_id * 10\",\"nullable\":false,\"batchSize\":100}");
        awaitPhase(id, "BACKFILLING");
        String progress = "colshift_migration_progress_ratio{migration=\"" + id + "\"}";
        await().atMost(Duration.ofSeconds(20)).until(() -> metrics().contains(progress + " 0.0"));
        assertTrue(metrics().contains("colshift_migrations{phase=\"BACKFILLING\"}"), metrics());

        runToCompletion(id);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !metrics().contains(progress) && value("colshift_migrations{phase=\"COMPLETED\"}") >= 1);
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double value(String series) {
        for (String line : metrics().split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1));
            }
        }
        return -1;
    }
}
