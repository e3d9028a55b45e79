package dev.colshift.verifier;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.colshift.testkit.ColshiftTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Verification on demand over REST: token required; a column added by hand is checked without any ledger. */
@QuarkusTest
@WithTestResource(ColshiftTestResources.class)
class VerificationResourceTest extends VerifierScenario {

    @Test
    void mutatingRequestsNeedTheToken() {
        given().post("/verifications/m1").then().statusCode(401);
        given().header("Authorization", "Bearer wrong")
                .post("/verifications/m1")
                .then()
                .statusCode(401);
        given().header("Authorization", "Bearer test-token")
                .post("/verifications/m-not-there")
                .then()
                .statusCode(404);
    }

    @Test
    void aColumnAddedByHandIsCheckedAgainstWhatItWasMeantToBe() {
        db.execute(
                "CREATE TABLE public.handmade (id integer PRIMARY KEY)",
                "INSERT INTO public.handmade SELECT g FROM generate_series(1, 25) g",
                "ALTER TABLE public.handmade ADD COLUMN note varchar(20) DEFAULT 'n/a' NOT NULL");

        JsonPath ok = column(Map.of(
                "table",
                "public.handmade",
                "column",
                "note",
                "type",
                "varchar(20)",
                "nullable",
                false,
                "defaultExpression",
                "'n/a'"));
        assertEquals(Set.of("column-shape", "no-nulls"), checks(ok).keySet());
        assertEquals(Set.of(), failed(ok), ok.prettify());
        assertContains(
                detail(ok, "column-shape"), "note character varying(20) NOT NULL DEFAULT 'n/a'::character varying");

        JsonPath otherDefault = column(Map.of(
                "table",
                "public.handmade",
                "column",
                "note",
                "type",
                "varchar(20)",
                "nullable",
                false,
                "defaultExpression",
                "'none'"));
        assertEquals(Set.of("column-shape"), failed(otherDefault), otherDefault.prettify());
        assertContains(
                detail(otherDefault, "column-shape"), "default is 'n/a'::character varying, spec asks for 'none'");

        JsonPath otherType =
                column(Map.of("table", "public.handmade", "column", "note", "type", "text", "nullable", false));
        assertContains(
                detail(otherType, "column-shape"),
                "type is character varying(20), request expects text",
                "has default 'n/a'::character varying, spec asks for none");

        JsonPath missing = column(Map.of("table", "public.handmade", "column", "nope", "type", "text"));
        assertContains(detail(missing, "column-shape"), "column nope does not exist on public.handmade");

        given().header("Authorization", "Bearer test-token")
                .contentType(ContentType.JSON)
                .body(Map.of("table", "public.not_a_table", "column", "c", "type", "text"))
                .post("/verifications")
                .then()
                .statusCode(400);
    }

    private static JsonPath column(Map<String, Object> body) {
        return given().header("Authorization", "Bearer test-token")
                .contentType(ContentType.JSON)
                .body(body)
                .post("/verifications")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
