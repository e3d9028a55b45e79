package dev.colshift.verifier;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colshift.testkit.ColshiftTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /q/metrics}: every check run is counted by name and outcome. */
@QuarkusTest
@WithTestResource(ColshiftTestResources.class)
class VerifierMetricsTest extends VerifierScenario {
    @Test
    void checksAreCountedByNameAndOutcome() {
        db.execute(
                "CREATE TABLE public.counted (id integer PRIMARY KEY)",
                "INSERT INTO public.counted SELECT g FROM generate_series(1, 10) g",
                "ALTER TABLE public.counted ADD COLUMN note text DEFAULT 'x' NOT NULL");
        given().header("Authorization", "Bearer test-token")
                .contentType(ContentType.JSON)
                .body(Map.of("table", "public.counted", "column", "note", "type", "integer"))
                .post("/verifications")
                .then()
                .statusCode(200);
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("colshift_verifier_checks_total{check=\"no-nulls\",outcome=\"passed\"}"), metrics);
        assertTrue(
                metrics.contains("colshift_verifier_checks_total{check=\"column-shape\",outcome=\"failed\"}"), metrics);
    }
}
