package dev.colshift.planner;

import static dev.colshift.planner.PlannerScenario.post;
import static dev.colshift.planner.PlannerScenario.submit;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colshift.schemas.EventSchemas;
import dev.colshift.schemas.StoredPlan;
import dev.colshift.testkit.ColshiftTestResources;
import dev.colshift.testkit.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Watch queries at intake: each is planned by PostgreSQL ({@code EXPLAIN}, never run) before anything changes and the
 * plan is stored; one that is not a single read statement, or that PostgreSQL refuses, refuses the request and
 * changes nothing. What the planner stores satisfies the stored-plan contract the verifier reads.
 */
@QuarkusTest
@WithTestResource(ColshiftTestResources.class)
class WatchQueriesIntakeTest {
    private static final String JSON = "application/json";

    @BeforeAll
    static void tables() throws Exception {
        TestDatabase.execute(
                "CREATE TABLE IF NOT EXISTS wq_orders (id bigint PRIMARY KEY, customer int NOT NULL)",
                "INSERT INTO wq_orders SELECT g, g % 100 FROM generate_series(1, 500) g ON CONFLICT DO NOTHING");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            a write                 | DELETE FROM wq_orders                                        | is not a read query
            two statements          | SELECT 1; DROP TABLE wq_orders                               | more than one statement
            a writing WITH          | WITH d AS (DELETE FROM wq_orders RETURNING id) SELECT * FROM d | 'DELETE' writes
            SELECT INTO             | SELECT * INTO wq_copy FROM wq_orders                         | 'INTO' writes
            unknown column          | SELECT nope FROM wq_orders                                   | was refused by PostgreSQL
            unknown table           | SELECT * FROM wq_nope                                        | was refused by PostgreSQL
            a parameter             | SELECT * FROM wq_orders WHERE id = $1                        | has a parameter ($1)
            an unterminated string  | SELECT 'x FROM wq_orders                                     | cannot be read
            """)
    void aQueryThatIsNotOneReadStatementIsRefusedAndNothingChanges(String name, String query, String reason)
            throws Exception {
        String before = TestDatabase.catalogFingerprint();
        post(JSON, spec("refused", List.of("SELECT id FROM wq_orders WHERE id = 1", query)), false)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://colshift.dev/problems/invalid-watch-query"))
                .body("field", equalTo("watchQueries[1]"))
                .body("detail", containsString(reason));
        assertEquals(before, TestDatabase.catalogFingerprint(), "catalog or ledger changed for: " + name);
    }

    @Test
    void eachQueryIsPlannedBeforeAnythingChangesAndAQueryOnTheNewColumnWaitsForIt() {
        post(
                        JSON,
                        spec(
                                "tier",
                                List.of(
                                        "SELECT id FROM wq_orders WHERE id = 7",
                                        "SELECT id FROM wq_orders WHERE tier = 2")),
                        true)
                .statusCode(200)
                .body("plan.schemaVersion", equalTo(1))
                .body("plan.watchQueries[0].sql", equalTo("SELECT id FROM wq_orders WHERE id = 7"))
                .body("plan.watchQueries[0].planBefore.'Node Type'", notNullValue())
                .body("plan.watchQueries[0].planBefore.'Relation Name'", equalTo("wq_orders"))
                .body("plan.watchQueries[1].planBefore", nullValue());
    }

    @Test
    void theSqlDoorTakesWatchQueriesAsParameters() throws Exception {
        io.restassured.RestAssured.given()
                .header("Authorization", "Bearer test-token")
                .contentType("application/sql")
                .queryParam("dryRun", true)
                .queryParam("watch", "SELECT id FROM wq_orders WHERE id = 7")
                .queryParam("watch", "SELECT count(*) FROM wq_orders WHERE customer = 3")
                .body("ALTER TABLE wq_orders ADD COLUMN note text".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/migrations")
                .then()
                .statusCode(200)
                .body("plan.watchQueries[0].sql", equalTo("SELECT id FROM wq_orders WHERE id = 7"))
                .body("plan.watchQueries[0].planBefore.'Relation Name'", equalTo("wq_orders"))
                .body("plan.watchQueries[1].sql", equalTo("SELECT count(*) FROM wq_orders WHERE customer = 3"));
        String before = TestDatabase.catalogFingerprint();
        io.restassured.RestAssured.given()
                .header("Authorization", "Bearer test-token")
                .contentType("application/sql")
                .queryParam("watch", "DELETE FROM wq_orders")
                .body("ALTER TABLE wq_orders ADD COLUMN note text".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/migrations")
                .then()
                .statusCode(400)
                .body("type", equalTo("https://colshift.dev/problems/invalid-watch-query"))
                .body("field", equalTo("watchQueries[0]"));
        assertEquals(before, TestDatabase.catalogFingerprint());
    }

    @Test
    void whatThePlannerStoresSatisfiesTheStoredPlanSchema() throws Exception {
        String withQueries = submit(
                JSON,
                "{\"table\":\"wq_orders\",\"column\":\"region\",\"type\":\"int\",\"backfillExpression\":\"customer % 3\","
                        + "\"nullable\":false,\"batchSize\":100,\"indexes\":[{\"keys\":[\"region\"]}],"
                        + "\"watchQueries\":[\"SELECT count(*) FROM wq_orders\",\"SELECT id FROM wq_orders WHERE region = 1\"]}");
        assertEquals(2, storedPlan(withQueries).watchQueries().size());
        PlannerScenario.runToCompletion(withQueries);
        String seed = post(
                        "application/sql",
                        "ALTER TABLE wq_orders ADD COLUMN seen_at timestamptz DEFAULT now() NOT NULL",
                        false)
                .statusCode(202)
                .extract()
                .path("id");
        assertTrue(storedPlan(seed).watchQueries().isEmpty());
        PlannerScenario.runToCompletion(seed);
    }

    private static StoredPlan storedPlan(String id) throws Exception {
        String stored = TestDatabase.scalar("SELECT plan::text FROM colshift.migrations WHERE id = '" + id + "'");
        assertEquals(List.of(), EventSchemas.validate(StoredPlan.SCHEMA_FILE, stored), stored);
        StoredPlan plan = StoredPlan.read(stored);
        assertEquals(id, plan.migrationId());
        assertTrue(!plan.steps().isEmpty());
        return plan;
    }

    private static String spec(String column, List<String> watchQueries) {
        StringBuilder queries = new StringBuilder();
        for (String q : watchQueries) {
            queries.append(queries.length() == 0 ? "" : ",")
                    .append('"')
                    .append(q.replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return "{\"table\":\"wq_orders\",\"column\":\"" + column + "\",\"type\":\"int\",\"watchQueries\":[" + queries
                + "]}";
    }
}
