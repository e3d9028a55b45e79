package dev.colshift.planner;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.colshift.schemas.BatchRange;
import dev.colshift.schemas.BatchRanges;
import dev.colshift.schemas.CheckResult;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.Phase;
import dev.colshift.schemas.PhaseChanged;
import dev.colshift.schemas.Topics;
import dev.colshift.testkit.TestDatabase;
import dev.colshift.testkit.TestTopics;
import io.restassured.response.ValidatableResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;

/**
 * Drives a migration through a running planner from a test, playing the other services: the worker (fills the
 * ledger's ranges with the ledger's own statement, as the backfill-worker does) and the verifier (answers VERIFIED).
 */
public final class PlannerScenario {
    private PlannerScenario() {}

    /** POSTs the body ({@code application/json} or {@code application/sql}); returns the response to assert on. */
    public static ValidatableResponse post(String contentType, String body, boolean dryRun) {
        return post(contentType, body, dryRun ? "dryRun=true" : "");
    }

    /** POSTs with the query string given (without '?'). */
    public static ValidatableResponse post(String contentType, String body, String query) {
        return given().header("Authorization", "Bearer test-token")
                .contentType(contentType)
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when()
                .post("/migrations" + (query.isEmpty() ? "" : "?" + query))
                .then();
    }

    public static String submit(String contentType, String body) {
        return post(contentType, body, false).statusCode(202).extract().path("id");
    }

    public static void awaitPhase(String id, String phase) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> given().when()
                        .get("/migrations/" + id)
                        .then()
                        .statusCode(200)
                        .body("phase", equalTo(phase)));
    }

    /** Runs a whole migration: the worker's part if it backfills, then the verifier's verdict; ends COMPLETED. */
    public static void runToCompletion(String id) throws Exception {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> List.of("BACKFILLING", "VERIFYING", "FAILED")
                        .contains(given().when()
                                .get("/migrations/" + id)
                                .then()
                                .extract()
                                .<String>path("phase")));
        if ("BACKFILLING".equals(phaseOf(id))) {
            playWorker(id);
        }
        awaitPhase(id, "VERIFYING");
        TestTopics.send(
                Topics.MIGRATION_PHASES,
                id,
                EventCodec.encode(PhaseChanged.of(
                        id,
                        Phase.VERIFIED,
                        Phase.VERIFYING,
                        null,
                        null,
                        "played by the test",
                        List.of(CheckResult.pass("test", "played")))));
        awaitPhase(id, "COMPLETED");
    }

    public static String phaseOf(String id) {
        return given().when().get("/migrations/" + id).then().extract().path("phase");
    }

    /** Fills every range of the ledger with the ledger's statement and records it, as a worker would. */
    public static void playWorker(String id) throws Exception {
        try (Connection c = TestDatabase.connect();
                PreparedStatement read = c.prepareStatement(
                        "SELECT backfill_sql, range_lower, range_upper, batch_size FROM colshift.migrations WHERE id = ?")) {
            read.setString(1, id);
            String update;
            BatchRanges ranges;
            try (ResultSet rs = read.executeQuery()) {
                rs.next();
                update = rs.getString(1).replace("$1", "?").replace("$2", "?");
                if (rs.getObject(2) == null) {
                    return;
                }
                ranges = new BatchRanges(rs.getLong(2), rs.getLong(3), rs.getInt(4));
            }
            for (BatchRange range : ranges) {
                try (PreparedStatement ledger = c.prepareStatement("INSERT INTO colshift.batches (migration_id,"
                                + " range_id, lower_bound, upper_bound, rows_updated, worker_id, attempt, duration_ms)"
                                + " VALUES (?, ?, ?, ?, 0, 'test', 1, 0)");
                        PreparedStatement fill = c.prepareStatement(update)) {
                    ledger.setString(1, id);
                    ledger.setLong(2, range.rangeId());
                    ledger.setLong(3, range.lowerBound());
                    ledger.setLong(4, range.upperBound());
                    ledger.executeUpdate();
                    fill.setLong(1, range.lowerBound());
                    fill.setLong(2, range.upperBound());
                    fill.executeUpdate();
                }
            }
        }
    }
}
