package dev.colshift.planner.api;

import static dev.colshift.planner.PlannerScenario.runToCompletion;
import static dev.colshift.planner.PlannerScenario.submit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colshift.schemas.EventCodec;
import dev.colshift.testkit.ColshiftTestResources;
import dev.colshift.testkit.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The read routes behind {@code colshift status} and the status page, against real PostgreSQL and Kafka: the list of
 * migrations, a migration's audit trail, its event stream, and the page itself.
 */
@QuarkusTest
@WithTestResource(ColshiftTestResources.class)
class StatusRoutesTest {
    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void table() throws Exception {
        TestDatabase.execute(
                "CREATE TABLE IF NOT EXISTS listed (id bigint PRIMARY KEY, plan_id int NOT NULL)",
                "INSERT INTO listed SELECT g, g % 7 FROM generate_series(1, 500) g ON CONFLICT DO NOTHING");
    }

    private static String addColumn(String column) {
        return submit("application/json", "{\"table\":\"listed\",\"column\":\"" + column + "\",\"type\":\"text\"}");
    }

    @Test
    void listsTheNewestFirstWithinTheLimit() throws Exception {
        String first = addColumn("list_a");
        runToCompletion(first);
        String second = addColumn("list_b");
        runToCompletion(second);

        given().when()
                .get("/migrations")
                .then()
                .statusCode(200)
                .body("limit", equalTo(50))
                .body("migrations.id", hasItem(first))
                .body("migrations[0].id", equalTo(second))
                .body("migrations[0].table", equalTo("public.listed"))
                .body("migrations[0].column", equalTo("list_b"))
                .body("migrations[0].type", equalTo("text"))
                .body("migrations[0].phase", equalTo("COMPLETED"))
                .body("migrations[0].desired", equalTo("RUN"))
                .body("migrations[0].percent", equalTo(100.0f))
                .body("migrations[0].createdAt", startsWith("20"))
                .body("migrations[0].updatedAt", startsWith("20"));
        JsonNode listed = EventCodec.mapper()
                .readTree(given().when().get("/migrations").then().extract().asString())
                .path("migrations");
        List<OffsetDateTime> created = new ArrayList<>();
        listed.forEach(m -> created.add(OffsetDateTime.parse(m.path("createdAt").asText())));
        List<OffsetDateTime> newestFirst = new ArrayList<>(created);
        newestFirst.sort(Comparator.reverseOrder());
        assertEquals(newestFirst, created);

        given().when()
                .get("/migrations?limit=1")
                .then()
                .statusCode(200)
                .body("migrations", hasSize(1))
                .body("migrations[0].id", equalTo(second));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "501", "ten", "1.5", "99999999999"})
    void aBadLimitIsAProblem(String limit) {
        given().queryParam("limit", limit)
                .when()
                .get("/migrations")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://colshift.dev/problems/invalid-limit"))
                .body("detail", containsString("from 1 to 500"));
    }

    @Test
    void theAuditTrailOfAMigration() throws Exception {
        String id = addColumn("audited");
        runToCompletion(id);

        given().when()
                .get("/migrations/" + id + "/audit")
                .then()
                .statusCode(200)
                .body("migrationId", equalTo(id))
                .body("entries.action", hasItem("add_column:public.listed:audited"))
                .body("entries.find { it.action == 'add_column:public.listed:audited' }.actor", equalTo("planner"))
                .body("entries.find { it.action == 'add_column:public.listed:audited' }.outcome", equalTo("SUCCEEDED"))
                .body(
                        "entries.find { it.action == 'add_column:public.listed:audited' }.sql",
                        containsString("ADD COLUMN \"audited\""));
        given().when()
                .get("/migrations/m-unknown/audit")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://colshift.dev/problems/not-found"));
    }

    @Test
    void theEventStreamSendsTheMigrationUntilItEnds() throws Exception {
        String id = addColumn("streamed");
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<InputStream> stream = http.send(
                HttpRequest.newBuilder(root.toURI().resolve("migrations/" + id + "/events"))
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        runToCompletion(id);

        List<JsonNode> views = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("data:")) {
                    views.add(EventCodec.mapper().readTree(line.substring(5)));
                }
            }
        }
        assertTrue(views.size() >= 2, "views: " + views);
        views.forEach(v -> assertEquals(id, v.path("id").asText()));
        assertEquals("COMPLETED", views.get(views.size() - 1).path("phase").asText());
        assertEquals(
                1,
                views.stream()
                        .filter(v -> v.path("phase").asText().equals("COMPLETED"))
                        .count(),
                "the stream ends with the first terminal view");
    }

    @Test
    void theEventStreamOfAnUnknownMigrationIsNotFound() throws Exception {
        HttpResponse<String> answer = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        HttpRequest.newBuilder(root.toURI().resolve("migrations/m-unknown/events"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(404, answer.statusCode(), answer.body());
        assertEquals(
                "application/problem+json",
                answer.headers().firstValue("Content-Type").orElse(""));
        assertTrue(answer.body().contains("https://colshift.dev/problems/not-found"), answer.body());
    }

    @Test
    void theStatusPageIsServedAtTheRoot() {
        given().when()
                .get("/")
                .then()
                .statusCode(200)
                .contentType(ContentType.HTML)
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .body(containsString("<script src=\"status.js\""));
        given().when().get("/status.js").then().statusCode(200).body(containsString("EventSource"));
        given().when().get("/status.css").then().statusCode(200);
    }
}
