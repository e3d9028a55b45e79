package dev.colshift.planner;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.colshift.schemas.CheckResult;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.KeyRange;
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
import java.util.ArrayList;
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

    /**
     * Fills every range the planner's keyset walk stores with the ledger's statements and records it, as a worker
     * would (the range and its record in one transaction), until the walk has ended and every stored range is done.
     */
    public static void playWorker(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (Connection c = TestDatabase.connect()) {
            while (true) {
                if (fillOpenRanges(id, rows -> 0) == 0) {
                    if (walked(c, id) && openRanges(c, id).isEmpty()) {
                        return;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("the walk of " + id + " did not end");
                    }
                    Thread.sleep(100);
                }
            }
        }
    }

    /** The stored ranges the batch ledger does not have yet. */
    public static List<KeyRange> openRanges(Connection c, String id) throws Exception {
        return ranges(
                c,
                id,
                " AND NOT EXISTS (SELECT 1 FROM colshift.batches b"
                        + " WHERE b.migration_id = r.migration_id AND b.range_id = r.range_id)");
    }

    /** Every range the walk stored, in id order. */
    public static List<KeyRange> storedRanges(Connection c, String id) throws Exception {
        return ranges(c, id, "");
    }

    private static List<KeyRange> ranges(Connection c, String id, String condition) throws Exception {
        try (PreparedStatement ranges = c.prepareStatement("SELECT range_id, lower_key, upper_key, upper_inclusive"
                + " FROM colshift.ranges r WHERE migration_id = ?" + condition + " ORDER BY range_id")) {
            ranges.setString(1, id);
            List<KeyRange> open = new ArrayList<>();
            try (ResultSet rs = ranges.executeQuery()) {
                while (rs.next()) {
                    open.add(new KeyRange(
                            rs.getLong(1),
                            List.of((String[]) rs.getArray(2).getArray()),
                            List.of((String[]) rs.getArray(3).getArray()),
                            rs.getBoolean(4)));
                }
            }
            return open;
        }
    }

    private static boolean walked(Connection c, String id) throws Exception {
        try (PreparedStatement read =
                c.prepareStatement("SELECT ranges_walked FROM colshift.migrations WHERE id = ?")) {
            read.setString(1, id);
            try (ResultSet rs = read.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /**
     * Fills the stored ranges the batch ledger does not have yet, as a worker would, recording for each the time
     * {@code millisForRows} says it took; emits how many ranges it filled.
     */
    public static int fillOpenRanges(String id, java.util.function.LongUnaryOperator millisForRows) throws Exception {
        try (Connection c = TestDatabase.connect()) {
            String update;
            String updateLast;
            try (PreparedStatement read = c.prepareStatement(
                    "SELECT backfill_sql, backfill_last_sql FROM colshift.migrations WHERE id = ?")) {
                read.setString(1, id);
                try (ResultSet rs = read.executeQuery()) {
                    rs.next();
                    update = jdbc(rs.getString(1));
                    updateLast = jdbc(rs.getString(2));
                }
            }
            List<KeyRange> open = openRanges(c, id);
            for (KeyRange range : open) {
                fill(c, id, range.upperInclusive() ? updateLast : update, range, millisForRows);
            }
            return open.size();
        }
    }

    private static void fill(
            Connection c,
            String id,
            String statement,
            KeyRange range,
            java.util.function.LongUnaryOperator millisForRows)
            throws Exception {
        c.setAutoCommit(false);
        try (PreparedStatement ledger = c.prepareStatement("INSERT INTO colshift.batches (migration_id, range_id,"
                        + " lower_key, upper_key, rows_updated, worker_id, attempt, duration_ms, backfill_xid)"
                        + " VALUES (?, ?, ?, ?, 0, 'test', 1, 0, pg_current_xact_id()) ON CONFLICT DO NOTHING");
                PreparedStatement fill = c.prepareStatement(statement);
                PreparedStatement rows =
                        c.prepareStatement("UPDATE colshift.batches SET rows_updated = ?, duration_ms = ?"
                                + " WHERE migration_id = ? AND range_id = ?")) {
            ledger.setString(1, id);
            ledger.setLong(2, range.rangeId());
            ledger.setArray(3, c.createArrayOf("text", range.lower().toArray()));
            ledger.setArray(4, c.createArrayOf("text", range.upper().toArray()));
            if (ledger.executeUpdate() == 1) {
                int parameter = 1;
                for (String value : range.lower()) {
                    fill.setString(parameter++, value);
                }
                for (String value : range.upper()) {
                    fill.setString(parameter++, value);
                }
                long updated = fill.executeUpdate();
                rows.setLong(1, updated);
                rows.setLong(2, millisForRows.applyAsLong(updated));
                rows.setString(3, id);
                rows.setLong(4, range.rangeId());
                rows.executeUpdate();
            }
            c.commit();
        } catch (Exception e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** {@code $1, $2, ...} as JDBC's {@code ?}; the statements use each parameter once, in order. */
    private static String jdbc(String statement) {
        return statement.replaceAll("\\$\\d+", "?");
    }
}
