package dev.colshift.planner.api;

import static dev.colshift.planner.PlannerScenario.runToCompletion;
import static dev.colshift.planner.PlannerScenario.submit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import dev.colshift.testkit.ColshiftTestResources;
import dev.colshift.testkit.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The stored report of a finished migration, and {@code verify} refused where it cannot run (the verifier's own
 * answer through the planner is tested end to end with {@code colshift verify}).
 */
@QuarkusTest
@WithTestResource(ColshiftTestResources.class)
class VerificationRoutesTest {
    @Test
    void theStoredReportAndVerifyWhereItCannotRun() throws Exception {
        TestDatabase.execute(
                "CREATE TABLE verify_routes (id bigint PRIMARY KEY, plan_id int NOT NULL)",
                "INSERT INTO verify_routes SELECT g, g % 5 FROM generate_series(1, 300) g");
        String id = submit(
                "application/json",
                "{\"table\":\"verify_routes\",\"column\":\"plan_code\",\"type\":\"int\",\"backfillExpression\":"
                        + "\"plan_id * 10\",\"nullable\":false,\"batchSize\":100}");
        given().header("Authorization", "Bearer test-token")
                .post("/migrations/" + id + "/verify")
                .then()
                .statusCode(409)
                .body("detail", containsString("verify re-runs the checks on a finished migration"));
        runToCompletion(id);

        given().get("/migrations/" + id + "/verification")
                .then()
                .statusCode(200)
                .body("phase", equalTo("COMPLETED"))
                .body("checks.size()", greaterThan(0));
        // this planner was not told where the verifier is
        given().header("Authorization", "Bearer test-token")
                .post("/migrations/" + id + "/verify")
                .then()
                .statusCode(503)
                .body("type", equalTo("https://colshift.dev/problems/verifier-not-configured"));
        given().post("/migrations/" + id + "/verify").then().statusCode(401);
        given().get("/migrations/m20990101T000000-00000000/verification").then().statusCode(404);
    }
}
