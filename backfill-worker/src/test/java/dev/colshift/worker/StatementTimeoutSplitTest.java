package dev.colshift.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colshift.schemas.BackfillBatch;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.KeyColumn;
import dev.colshift.schemas.KeyRange;
import dev.colshift.schemas.LedgerTables;
import dev.colshift.schemas.Topics;
import dev.colshift.testkit.ColshiftTestResources;
import dev.colshift.testkit.TestDatabase;
import dev.colshift.testkit.TestTopics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A keyset range whose UPDATE runs into {@code statement_timeout} is filled in pieces, halved at each timeout, each
 * piece its own transaction: no application write waits behind the backfill longer than the timeout. The range is
 * recorded once, with the rows of all its pieces, and every row the pieces wrote carries a recorded transaction id
 * (what the verifier's value check reads). A row slower than the timeout on its own is dead-lettered with the reason; redriven once the data is fixed,
 * the range goes on in pieces after the ones recorded (not whole again) and counts the rows of all of them.
 */
@QuarkusTest
@WithTestResource(ColshiftTestResources.class)
@TestProfile(StatementTimeoutSplitTest.ShortStatementTimeout.class)
class StatementTimeoutSplitTest {
    private static final List<KeyColumn> KEY = List.of(new KeyColumn("id", "bigint"));

    public static class ShortStatementTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("colshift.worker.statement-timeout", "400ms");
        }
    }

    @BeforeAll
    static void slowTables() throws Exception {
        TestDatabase.execute(LedgerTables.DDL.toArray(String[]::new));
        TestDatabase.execute(
                // 5 ms a row: the 400-row range takes 2 s as one UPDATE, 250 ms in pieces of 50
                """
                CREATE FUNCTION slow_double(v int) RETURNS int LANGUAGE plpgsql AS $$
                BEGIN PERFORM pg_sleep(0.005); RETURN v * 2; END $$""",
                "CREATE TABLE readings (id bigint PRIMARY KEY, v int NOT NULL)",
                "INSERT INTO readings SELECT g * 3, g FROM generate_series(1, 400) g",
                "ALTER TABLE readings ADD COLUMN doubled int",
                "UPDATE readings SET doubled = -1 WHERE id = 600", // the application's own value
                KeysetLedgerRows.migration("m-split", "readings", "doubled", "slow_double(v)", KEY, 400, 1),
                KeysetLedgerRows.storedRange("m-split", new KeyRange(0, List.of("3"), List.of("1200"), true)),
                // one row takes a second: no piece is small enough
                "CREATE TABLE sensors (id bigint PRIMARY KEY, v int NOT NULL)",
                "INSERT INTO sensors SELECT g, g FROM generate_series(1, 16) g",
                "ALTER TABLE sensors ADD COLUMN label text",
                KeysetLedgerRows.migration(
                        "m-one-slow-row",
                        "sensors",
                        "label",
                        "CASE WHEN v = 7 THEN (SELECT 'slow' FROM pg_sleep(1)) ELSE 'ok' END",
                        KEY,
                        16,
                        1),
                KeysetLedgerRows.storedRange("m-one-slow-row", new KeyRange(0, List.of("1"), List.of("16"), true)));
    }

    @Test
    void aRangeThatTimesOutIsFilledInPiecesAndRecordedOnce() throws Exception {
        send(BackfillBatch.of("m-split", KEY, new KeyRange(0, List.of("3"), List.of("1200"), true)));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> TestDatabase.scalar("SELECT count(*) FROM colshift.batches WHERE migration_id = 'm-split'")
                        .equals("1"));
        assertEquals(
                "399", TestDatabase.scalar("SELECT rows_updated FROM colshift.batches WHERE migration_id = 'm-split'"));
        assertEquals("0", TestDatabase.scalar("SELECT count(*) FROM readings WHERE id <> 600 AND doubled <> v * 2"));
        assertEquals("-1", TestDatabase.scalar("SELECT doubled FROM readings WHERE id = 600"));
        // pieces of at most half the range, chained from its lower bound to its upper, the last one final
        long pieces = Long.parseLong(
                TestDatabase.scalar("SELECT count(*) FROM colshift.range_pieces WHERE migration_id = 'm-split'"));
        assertTrue(pieces >= 2, pieces + " pieces");
        assertEquals(
                "{3}|{1200}|1",
                TestDatabase.scalar("SELECT min(lower_key::text) FILTER (WHERE piece_id = 0) || '|'"
                        + " || min(upper_key::text) FILTER (WHERE final) || '|' || count(*) FILTER (WHERE final)"
                        + " FROM colshift.range_pieces WHERE migration_id = 'm-split'"));
        assertEquals(
                "0",
                TestDatabase.scalar("SELECT count(*) FROM (SELECT lower_key, lag(upper_key) OVER (ORDER BY piece_id)"
                        + " AS previous FROM colshift.range_pieces WHERE migration_id = 'm-split') p"
                        + " WHERE previous IS DISTINCT FROM lower_key AND previous IS NOT NULL"));
        assertEquals(
                "399",
                TestDatabase.scalar(
                        "SELECT sum(rows_updated) FROM colshift.range_pieces WHERE migration_id = 'm-split'"));
        // every backfilled row was written by a recorded piece's transaction
        assertEquals(
                "0",
                TestDatabase.scalar("SELECT count(*) FROM readings WHERE id <> 600 AND xmin::text::int8 NOT IN"
                        + " (SELECT backfill_xid::text::int8 % 4294967296 FROM colshift.range_pieces"
                        + " WHERE migration_id = 'm-split')"));
        assertTrue(WorkerMetrics.value("colshift_backfill_range_splits_total") >= 1);
    }

    @Test
    void aSingleRowSlowerThanTheTimeoutIsDeadLetteredWithTheReason() throws Exception {
        send(BackfillBatch.of("m-one-slow-row", KEY, new KeyRange(0, List.of("1"), List.of("16"), true)));
        List<String> reasons = TestTopics.read(
                Topics.BACKFILL_BATCHES_DLQ,
                r -> r.key() != null && r.key().startsWith("m-one-slow-row")
                        ? new String(
                                r.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8)
                        : null,
                r -> r != null,
                1,
                Duration.ofSeconds(60));
        assertTrue(reasons.get(0).contains("cancelled_by_timeout 57014"), reasons.toString());
        assertTrue(reasons.get(0).contains("a piece of one row was cancelled"), reasons.toString());
        assertEquals(
                "0",
                TestDatabase.scalar("SELECT count(*) FROM colshift.batches WHERE migration_id = 'm-one-slow-row'"));
        // the rows before the slow one were filled in pieces and stay filled; the rest waits for a redrive
        assertEquals("0", TestDatabase.scalar("SELECT count(*) FROM sensors WHERE id < 7 AND label IS NULL"));
        assertEquals("1", TestDatabase.scalar("SELECT count(*) FROM sensors WHERE id = 7 AND label IS NULL"));

        // the data is fixed and the range redriven: it goes on in pieces after the ones recorded, counting all its rows
        TestDatabase.execute("UPDATE sensors SET v = 70 WHERE id = 7");
        send(BackfillBatch.of("m-one-slow-row", KEY, new KeyRange(0, List.of("1"), List.of("16"), true)));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> TestDatabase.scalar(
                                "SELECT count(*) FROM colshift.batches WHERE migration_id = 'm-one-slow-row'")
                        .equals("1"));
        assertEquals("0", TestDatabase.scalar("SELECT count(*) FROM sensors WHERE label IS DISTINCT FROM 'ok'"));
        assertEquals(
                "16",
                TestDatabase.scalar("SELECT rows_updated FROM colshift.batches WHERE migration_id = 'm-one-slow-row'"));
        assertEquals(
                "1",
                TestDatabase.scalar("SELECT count(*) FROM colshift.range_pieces"
                        + " WHERE migration_id = 'm-one-slow-row' AND final"));
    }

    @Test
    void aRangeInPiecesStopsWhenTheMigrationIsPausedAndGoesOnWhenResumed() throws Exception {
        KeyRange range = new KeyRange(0, List.of("1"), List.of("400"), true);
        TestDatabase.execute(
                "CREATE TABLE meters (id bigint PRIMARY KEY, v int NOT NULL)",
                "INSERT INTO meters SELECT g, g FROM generate_series(1, 400) g",
                "ALTER TABLE meters ADD COLUMN doubled int",
                KeysetLedgerRows.migration("m-paused", "meters", "doubled", "slow_double(v)", KEY, 400, 1),
                KeysetLedgerRows.storedRange("m-paused", range));
        send(BackfillBatch.of("m-paused", KEY, range));
        await().atMost(Duration.ofSeconds(60)).until(() -> pieces("m-paused") >= 1);
        TestDatabase.execute("UPDATE colshift.migrations SET phase = 'PAUSED' WHERE id = 'm-paused'");
        Thread.sleep(1500); // a piece that had begun may finish; no other begins
        long piecesWhilePaused = pieces("m-paused");
        Thread.sleep(1500);
        assertEquals(piecesWhilePaused, pieces("m-paused"), "pieces went on while the migration was paused");
        assertEquals("0", TestDatabase.scalar("SELECT count(*) FROM colshift.batches WHERE migration_id = 'm-paused'"));

        TestDatabase.execute("UPDATE colshift.migrations SET phase = 'BACKFILLING' WHERE id = 'm-paused'");
        send(BackfillBatch.of("m-paused", KEY, range)); // the planner publishes a paused range again on resume
        await().atMost(Duration.ofSeconds(60))
                .until(() -> TestDatabase.scalar(
                                "SELECT count(*) FROM colshift.batches WHERE migration_id = 'm-paused'")
                        .equals("1"));
        assertEquals("0", TestDatabase.scalar("SELECT count(*) FROM meters WHERE doubled IS DISTINCT FROM v * 2"));
        assertEquals(
                "400",
                TestDatabase.scalar("SELECT rows_updated FROM colshift.batches WHERE migration_id = 'm-paused'"));
    }

    private static long pieces(String migrationId) throws Exception {
        return Long.parseLong(TestDatabase.scalar(
                "SELECT count(*) FROM colshift.range_pieces WHERE migration_id = '" + migrationId + "'"));
    }

    private static void send(BackfillBatch batch) {
        TestTopics.send(
                Topics.BACKFILL_BATCHES,
                Topics.batchKey(batch.migrationId(), batch.rangeId()),
                EventCodec.encode(batch));
    }
}
