package dev.colshift.planner.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.colshift.testkit.ColshiftTestResources;
import dev.colshift.testkit.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input gets 400 problem+json naming the field, and the target database is left exactly as it was. */
@QuarkusTest
@WithTestResource(ColshiftTestResources.class)
class MigrationResourceRejectsTest {

    @BeforeAll
    static void tables() throws Exception {
        TestDatabase.execute(
                "CREATE TABLE IF NOT EXISTS accounts (id bigint PRIMARY KEY, plan_id int NOT NULL)",
                "INSERT INTO accounts SELECT g, g % 7 FROM generate_series(1, 100) g ON CONFLICT DO NOTHING",
                "CREATE TABLE IF NOT EXISTS keyless (a int)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            unknown table         | {"table":"nope","column":"c","type":"int"}                                  | table              | table-not-found
            unknown schema        | {"table":"other.accounts","column":"c","type":"int"}                        | table              | table-not-found
            column exists         | {"table":"accounts","column":"plan_id","type":"int"}                        | column             | column-already-exists
            malformed type        | {"table":"accounts","column":"c","type":"intt"}                             | type               | invalid-type
            type with SQL         | {"table":"accounts","column":"c","type":"int; DROP TABLE accounts"}         | type               | invalid-type
            invalid column name   | {"table":"accounts","column":"last login","type":"int"}                     | column             | invalid-identifier
            column name with SQL  | {"table":"accounts","column":"c\\" int; DROP TABLE accounts; --","type":"int"} | column          | invalid-identifier
            invalid table name    | {"table":"accounts;drop","column":"c","type":"int"}                         | table              | invalid-identifier
            missing type          | {"table":"accounts","column":"c"}                                           | type               | missing-field
            missing table         | {"column":"c","type":"int"}                                                 | table              | missing-field
            unknown field         | {"table":"accounts","column":"c","type":"int","defaultExpresion":"1"}       | defaultExpresion   | unknown-field
            wrong field type      | {"table":"accounts","column":"c","type":"int","nullable":"no"}              | nullable           | invalid-json
            not json              | {"table":                                                                   | body               | invalid-json
            not an object         | [1,2]                                                                       | body               | invalid-json
            bad default syntax    | {"table":"accounts","column":"c","type":"int","defaultExpression":"1 +"}    | defaultExpression  | invalid-expression
            default escapes       | {"table":"accounts","column":"c","type":"int","defaultExpression":"1); DROP TABLE accounts; --"} | defaultExpression | invalid-expression
            default wrong type    | {"table":"accounts","column":"c","type":"int","defaultExpression":"'abc'"}  | defaultExpression  | invalid-expression
            backfill bad column   | {"table":"accounts","column":"c","type":"int","backfillExpression":"nope + 1"} | backfillExpression | invalid-expression
            backfill breaks out   | {"table":"accounts","column":"c","type":"int","backfillExpression":"1) , plan_id = (2"} | backfillExpression | invalid-expression
            not null, no value    | {"table":"accounts","column":"c","type":"int","nullable":false}             | nullable           | not-null-without-value
            batch size zero       | {"table":"accounts","column":"c","type":"int","batchSize":0}                | batchSize          | out-of-range
            no primary key        | {"table":"keyless","column":"c","type":"int","backfillExpression":"a"}      | table              | no-usable-primary-key
            """)
    void rejectsWithProblemNamingTheFieldAndChangesNothing(String name, String body, String field, String code)
            throws Exception {
        String before = TestDatabase.catalogFingerprint();
        given().header("Authorization", "Bearer test-token")
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/migrations")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("field", equalTo(field))
                .body("type", equalTo("https://colshift.dev/problems/" + code))
                .body("detail", notNullValue());
        assertEquals(before, TestDatabase.catalogFingerprint(), "catalog or ledger changed for: " + name);
    }

    @Test
    void reportsEveryProblemOfASpec() {
        given().header("Authorization", "Bearer test-token")
                .contentType(ContentType.JSON)
                .body("{\"table\":\"accounts\",\"column\":\"bad name\",\"type\":\"int;\"}")
                .when()
                .post("/migrations")
                .then()
                .statusCode(400)
                .body("problems", hasSize(2))
                .body("problems.field", org.hamcrest.Matchers.contains("column", "type"));
    }

    @Test
    void mutatingRequestsNeedTheToken() throws Exception {
        String before = TestDatabase.catalogFingerprint();
        String body = "{\"table\":\"accounts\",\"column\":\"c\",\"type\":\"int\"}";
        given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/migrations")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer wrong")
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/migrations")
                .then()
                .statusCode(401);
        assertEquals(before, TestDatabase.catalogFingerprint());
    }

    @Test
    void dryRunOfTheSeedStatementIsOneMetadataOnlyStepAndChangesNothing() throws Exception {
        String before = TestDatabase.catalogFingerprint();
        given().header("Authorization", "Bearer test-token")
                .contentType(ContentType.JSON)
                .body("{\"table\":\"accounts\",\"column\":\"last_login\",\"type\":\"timestamptz\","
                        + "\"defaultExpression\":\"now()\",\"nullable\":false}")
                .when()
                .post("/migrations?dryRun=true")
                .then()
                .statusCode(200)
                .body("plan.canonicalType", equalTo("timestamp with time zone"))
                .body("plan.steps.id", org.hamcrest.Matchers.contains("add_column:public.accounts:last_login"))
                .body(
                        "plan.steps[0].statements[0]",
                        equalTo("ALTER TABLE \"public\".\"accounts\" ADD COLUMN \"last_login\" timestamp with time zone"
                                + " DEFAULT (now()) NOT NULL"))
                .body("plan.steps[0].observed.rewrote", equalTo(false))
                .body("plan.steps[0].observed.scanned", equalTo(false))
                .body("plan.steps[0].observed.fastDefault", equalTo(true))
                .body("plan.lockTimeoutMillis", equalTo(200))
                .body(
                        "plan.steps[0].milestones",
                        org.hamcrest.Matchers.contains("COLUMN_AVAILABLE", "CONSTRAINTS_ENFORCED"))
                .body("plan.steps[0].observed.locks", org.hamcrest.Matchers.hasItem("AccessExclusiveLock"))
                .body("plan.backfillStatement", org.hamcrest.Matchers.nullValue());
        assertEquals(before, TestDatabase.catalogFingerprint());
    }

    @Test
    void dryRunOfAVolatileDefaultPlansTheBackfillAndChangesNothing() throws Exception {
        String before = TestDatabase.catalogFingerprint();
        given().header("Authorization", "Bearer test-token")
                .contentType(ContentType.JSON)
                .body("{\"table\":\"accounts\",\"column\":\"token\",\"type\":\"uuid\","
                        + "\"defaultExpression\":\"gen_random_uuid()\",\"nullable\":false}")
                .when()
                .post("/migrations?dryRun=true")
                .then()
                .statusCode(200)
                .body(
                        "plan.steps.id",
                        org.hamcrest.Matchers.contains(
                                "expand:public.accounts:token",
                                "backfill:public.accounts:token",
                                "add_not_null_check:public.accounts:token",
                                "validate_not_null_check:public.accounts:token",
                                "set_not_null:public.accounts:token",
                                "drop_not_null_check:public.accounts:token"))
                .body("plan.steps[0].observed.rewrote", equalTo(false))
                .body("plan.steps[1].observed.locks", org.hamcrest.Matchers.contains("RowExclusiveLock"))
                .body("plan.steps[1].estimate.basis", containsString("sampled rows"))
                .body("plan.steps[1].estimate.millis", org.hamcrest.Matchers.greaterThan(0))
                .body("plan.steps[3].observed.locks", org.hamcrest.Matchers.contains("ShareUpdateExclusiveLock"))
                .body("plan.backfillStatement", containsString("IS NULL"));
        assertEquals(before, TestDatabase.catalogFingerprint());
    }

    @Test
    void theApiIsDescribedAndMeasured() {
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("/migrations/{id}"));
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
    }

    @Test
    void unknownMigrationIs404() {
        given().when().get("/migrations/m-nope").then().statusCode(404).contentType("application/problem+json");
    }
}
