package dev.colshift.planner.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colshift.planner.spec.SpecProblem;
import dev.colshift.schemas.EventCodec;
import dev.colshift.testkit.ColshiftTestResources;
import dev.colshift.testkit.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /q/openapi}: the request examples work as they are, and every refusal the planner can give is documented. */
@QuarkusTest
@WithTestResource(ColshiftTestResources.class)
class OpenApiDocumentationTest {
    private static JsonNode document() throws Exception {
        String json = given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return EventCodec.mapper().readTree(json);
    }

    @Test
    void theRequestExamplesOfBothDoorsArePlannedAsTheyAre() throws Exception {
        JsonNode submit = document().path("paths").path("/migrations").path("post");
        JsonNode content = submit.path("requestBody").path("content");
        String spec = content.path("application/json")
                .path("examples")
                .path("spec")
                .path("value")
                .asText();
        String sql = content.path("application/sql")
                .path("examples")
                .path("sql")
                .path("value")
                .asText();
        assertFalse(spec.isEmpty(), submit.toString());
        assertFalse(sql.isEmpty(), submit.toString());

        TestDatabase.execute("CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY, email text)");
        for (Map.Entry<String, String> example :
                Map.of("application/json", spec, "application/sql", sql).entrySet()) {
            given().header("Authorization", "Bearer test-token")
                    .contentType(example.getKey())
                    .body(example.getValue().getBytes(StandardCharsets.UTF_8))
                    .queryParam("dryRun", "true")
                    .post("/migrations")
                    .then()
                    .statusCode(200);
        }
    }

    @Test
    void everyRefusalIsDocumentedAsProblemJsonWithItsStableType() throws Exception {
        JsonNode paths = document().path("paths");
        JsonNode refused = paths.path("/migrations")
                .path("post")
                .path("responses")
                .path("400")
                .path("content")
                .path("application/problem+json")
                .path("examples");
        assertEquals(SpecProblem.class.getPermittedSubclasses().length, refused.size(), refused.toString());
        assertTrue(refused.has("table-not-found"), refused.toString());
        assertEquals(
                "https://colshift.dev/problems/invalid-type",
                refused.path("invalid-type").path("value").path("type").asText());
        Arrays.stream(new String[] {"pause", "resume", "cancel", "rollback", "redrive"})
                .forEach(route -> {
                    JsonNode responses =
                            paths.path("/migrations/{id}/" + route).path("post").path("responses");
                    assertTrue(responses.has("409"), route + ": " + responses);
                    assertTrue(responses.has("404"), route + ": " + responses);
                    assertTrue(responses.has("401"), route + ": " + responses);
                });
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            if (path.getValue().has("post")) {
                assertTrue(path.getValue().path("post").path("responses").has("401"), path.getKey());
            }
        }
    }
}
