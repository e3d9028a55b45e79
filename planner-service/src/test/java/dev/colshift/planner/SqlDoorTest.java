package dev.colshift.planner;

import static dev.colshift.planner.PlannerScenario.post;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.colshift.testkit.ColshiftTestResources;
import dev.colshift.testkit.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code POST /migrations} with {@code Content-Type: application/sql}: the same change through the SQL door and the
 * JSON door gives the identical plan; what is refused is refused whole, with the reason, and changes nothing.
 */
@QuarkusTest
@WithTestResource(ColshiftTestResources.class)
class SqlDoorTest {
    private static final String SQL = "application/sql";
    private static final String JSON = "application/json";

    @BeforeAll
    static void tables() throws Exception {
        TestDatabase.execute(
                "CREATE TABLE IF NOT EXISTS door_orgs (id bigint PRIMARY KEY)",
                "INSERT INTO door_orgs VALUES (1) ON CONFLICT DO NOTHING",
                "CREATE TABLE IF NOT EXISTS door_users (id bigint PRIMARY KEY, org_ref bigint, plan_id int)",
                "INSERT INTO door_users SELECT g, 1, g % 3 FROM generate_series(1, 100) g ON CONFLICT DO NOTHING");
    }

    /**
     * The plan without what differs per submission: the migration id (also inside helper object names) and the times
     * measured in the rehearsal.
     */
    @SuppressWarnings("unchecked")
    private static String planOf(io.restassured.response.ValidatableResponse response) {
        Map<String, Object> plan = response.statusCode(200).extract().path("plan");
        String id = (String) plan.get("migrationId");
        for (Map<String, Object> step : (java.util.List<Map<String, Object>>) plan.get("steps")) {
            step.remove("estimate");
            if (step.get("observed") instanceof Map<?, ?> observed) {
                ((Map<String, Object>) observed).remove("millis");
            }
        }
        return plan.toString().replace(id, "<id>");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            the seed, metadata-only | ALTER TABLE door_users ADD COLUMN last_login timestamptz DEFAULT now() NOT NULL; | {"table":"door_users","column":"last_login","type":"timestamptz","defaultExpression":"now()","nullable":false}
            a volatile default      | ALTER TABLE door_users ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid() | {"table":"door_users","column":"token","type":"uuid","defaultExpression":"gen_random_uuid()","nullable":false}
            constraints and index   | ALTER TABLE door_users ADD COLUMN org_id bigint DEFAULT 1 CHECK (org_id > 0) REFERENCES door_orgs (id) ON DELETE CASCADE; CREATE INDEX door_users_org_id_idx ON door_users (org_id); COMMENT ON COLUMN door_users.org_id IS 'owner' | {"table":"door_users","column":"org_id","type":"bigint","defaultExpression":"1","checks":[{"expression":"org_id > 0"}],"references":{"table":"door_orgs","column":"id","onDelete":"CASCADE"},"indexes":[{"name":"door_users_org_id_idx","keys":["org_id"]}],"comment":"owner"}
            a serial column         | ALTER TABLE door_users ADD COLUMN seq bigserial | {"table":"door_users","column":"seq","type":"bigserial"}
            """)
    void theSameChangeThroughEitherDoorHasTheIdenticalPlan(String name, String sql, String json) {
        assertEquals(planOf(post(JSON, json, true)), planOf(post(SQL, sql, true)), name);
    }

    @Test
    void severalColumnsAreOneMigrationEachAllOrNone() throws Exception {
        String before = TestDatabase.catalogFingerprint();
        post(SQL, "ALTER TABLE door_users ADD COLUMN a int, ADD COLUMN b text DEFAULT 'x'", true)
                .statusCode(200)
                .body("migrations.size()", equalTo(2))
                .body("migrations[1].plan.steps[0].id", equalTo("add_column:public.door_users:b"));
        // the second column's type does not exist: neither is added
        post(SQL, "ALTER TABLE door_users ADD COLUMN a int, ADD COLUMN b no_such_type", false)
                .statusCode(400)
                .body("type", equalTo("https://colshift.dev/problems/invalid-type"));
        assertEquals(before, TestDatabase.catalogFingerprint());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            a drop                  | ALTER TABLE door_users DROP COLUMN plan_id                          | unsupported-sql
            an update after         | ALTER TABLE door_users ADD COLUMN c int; UPDATE door_users SET c = 1 | unsupported-sql
            another table           | ALTER TABLE door_users ADD COLUMN c int; CREATE INDEX ON door_orgs (id) | unsupported-sql
            unterminated string     | ALTER TABLE door_users ADD COLUMN c text DEFAULT 'x                 | sql-syntax
            an unknown type         | ALTER TABLE door_users ADD COLUMN c integr                          | invalid-type
            NOT NULL, no default    | ALTER TABLE door_users ADD COLUMN c int NOT NULL                    | not-null-without-value
            a check PostgreSQL refuses | ALTER TABLE door_users ADD COLUMN c int CHECK (c > 'abc')       | rehearsal-failed
            a hazard                | ALTER TABLE door_users ADD COLUMN g int GENERATED ALWAYS AS (plan_id * 2) STORED | generated-stored-rewrites
            an empty body           | ~ ~                                                                 | unsupported-sql
            """)
    void refusalsSayWhyAndChangeNothing(String name, String sql, String type) throws Exception {
        String before = TestDatabase.catalogFingerprint();
        post(SQL, sql, false)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://colshift.dev/problems/" + type))
                .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()));
        assertEquals(before, TestDatabase.catalogFingerprint(), name);
    }

    @Test
    void linesColshiftHandlesItselfAreNoted() {
        post(SQL, "SET lock_timeout = '5s'; ALTER TABLE door_users ADD COLUMN note text;", true)
                .statusCode(200)
                .body("notes[0]", containsString("lock_timeout"));
    }
}
