package dev.colshift.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colshift.schemas.BackfillBatch;
import dev.colshift.schemas.BackfillProgress;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.LedgerTables;
import dev.colshift.schemas.Topics;
import dev.colshift.testkit.ColshiftTestResources;
import dev.colshift.testkit.TestDatabase;
import dev.colshift.testkit.TestTopics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The worker against real PostgreSQL and Kafka: ranges filled once, app values untouched, poison to the DLQ. */
@QuarkusTest
@WithTestResource(ColshiftTestResources.class)
class BatchListenerTest {
    private static final String BACKFILL =
            "UPDATE \"public\".\"people\" AS \"people\" SET \"plan_code\" = (plan_id * 10)"
                    + " WHERE \"id\" >= $1 AND \"id\" < $2 AND \"plan_code\" IS NULL";

    @BeforeAll
    static void ledgerAndTable() throws Exception {
        TestDatabase.execute(LedgerTables.DDL.toArray(String[]::new));
        TestDatabase.execute(
                "CREATE TABLE people (id bigint PRIMARY KEY, plan_id int NOT NULL)",
                "INSERT INTO people SELECT g, g % 5 FROM generate_series(1, 500) g",
                "ALTER TABLE people ADD COLUMN plan_code smallint",
                migrationRow("m-people", "BACKFILLING"),
                migrationRow("m-finished", "COMPLETED"));
    }

    private static String migrationRow(String id, String phase) {
        return "INSERT INTO colshift.migrations (id, spec, plan, table_schema, table_name, column_name, key_column,"
                + " backfill_sql, batch_size, phase, requested_by, range_lower, range_upper, batches_total)"
                + " VALUES ('" + id + "', '{}', '{}', 'public', 'people', 'plan_code', 'id', '"
                + BACKFILL.replace("'", "''") + "', 100, '" + phase + "', 'test', 1, 500, 5)";
    }

    @Test
    void fillsEachRangeOnceAndLeavesApplicationValuesAlone() throws Exception {
        TestDatabase.execute("UPDATE people SET plan_code = 999 WHERE id = 42");
        double rowsBefore = WorkerMetrics.value("colshift_backfill_rows_total");
        double alreadyDoneBefore = WorkerMetrics.value("colshift_backfill_ranges_total{outcome=\"already-done\"}");
        double batchesBefore = WorkerMetrics.value("colshift_backfill_batch_duration_seconds_count");
        for (long range = 0; range < 5; range++) {
            send(BackfillBatch.of("m-people", range, 1 + range * 100, 101 + range * 100));
        }
        send(BackfillBatch.of("m-people", 2, 201, 301)); // a redelivery

        List<BackfillProgress> progress = TestTopics.read(
                Topics.BACKFILL_PROGRESS,
                r -> EventCodec.decode(r.value(), BackfillProgress.class),
                p -> p.migrationId().equals("m-people"),
                6,
                Duration.ofSeconds(60));
        assertEquals(1, progress.stream().filter(BackfillProgress::alreadyDone).count());
        assertEquals(
                499, progress.stream().mapToLong(BackfillProgress::rowsUpdated).sum());
        assertEquals("5", TestDatabase.scalar("SELECT count(*) FROM colshift.batches WHERE migration_id = 'm-people'"));
        assertEquals(
                "499",
                TestDatabase.scalar("SELECT sum(rows_updated) FROM colshift.batches WHERE migration_id = 'm-people'"));
        assertEquals("999", TestDatabase.scalar("SELECT plan_code FROM people WHERE id = 42"));
        // every backfilled row carries its range's recorded transaction id as xmin; the row the application wrote does
        // not
        assertEquals(
                "499",
                TestDatabase.scalar(
                        "SELECT count(*) FROM people p JOIN colshift.batches b ON b.migration_id = 'm-people'"
                                + " AND p.id >= b.lower_bound AND p.id < b.upper_bound"
                                + " WHERE p.xmin::text::bigint = b.backfill_xid::text::bigint % 4294967296"));
        assertEquals(rowsBefore + 499, WorkerMetrics.value("colshift_backfill_rows_total"));
        assertEquals(
                alreadyDoneBefore + 1, WorkerMetrics.value("colshift_backfill_ranges_total{outcome=\"already-done\"}"));
        assertEquals(batchesBefore + 5, WorkerMetrics.value("colshift_backfill_batch_duration_seconds_count"));
        String metrics = WorkerMetrics.scrape();
        for (String name : new String[] {
            "colshift_backfill_range_duration_seconds_bucket{le=\"0.1\"}",
            "colshift_backfill_batch_duration_seconds_bucket{le=\"0.1\"}",
            "colshift_backfill_batch_rows_bucket{le=\"100.0\"}",
            "colshift_backfill_rows_per_second ",
            "colshift_backfill_throttled{reason=\"replica_lag\"} 0.0",
            "colshift_backfill_retries_total{error_class=\"transient\"}",
            "colshift_backfill_dead_letters_total{error_class=\"refused\"}"
        }) {
            assertTrue(metrics.contains(name), name + " in\n" + metrics);
        }
        assertEquals(
                "0",
                TestDatabase.scalar(
                        "SELECT count(*) FROM people WHERE id <> 42 AND plan_code IS DISTINCT FROM plan_id * 10"));
    }

    @Test
    void poisonMessagesGoToTheDeadLetterTopicWithTheReasonAndChangeNothing() throws Exception {
        double invalidBefore = WorkerMetrics.value("colshift_backfill_dead_letters_total{error_class=\"invalid\"}");
        String before = TestDatabase.scalar("SELECT count(*) || ':' || count(plan_code) FROM people")
                + TestDatabase.scalar("SELECT count(*) FROM colshift.batches");
        TestTopics.send(Topics.BACKFILL_BATCHES, "junk", "{not json");
        send(BackfillBatch.of("m-unknown", 0, 1, 101));
        send(BackfillBatch.of("m-people", 7, 1, 1000)); // a range the plan does not have
        send(BackfillBatch.of("m-people", 1, 100, 300)); // a real range id with forged bounds

        List<String> reasons = TestTopics.read(
                Topics.BACKFILL_BATCHES_DLQ,
                r -> r.key() != null && r.key().startsWith("m-keyset") // KeysetRangesTest's poison is its own
                        ? null
                        : reason(r.headers().lastHeader("dead-letter-reason")),
                r -> r != null,
                4,
                Duration.ofSeconds(60));
        assertTrue(reasons.stream().anyMatch(r -> r.contains("not JSON")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.contains("unknown migration m-unknown")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.contains("outside 0..4")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.contains("should be [101, 201)")), reasons.toString());
        String after = TestDatabase.scalar("SELECT count(*) || ':' || count(plan_code) FROM people")
                + TestDatabase.scalar("SELECT count(*) FROM colshift.batches");
        assertEquals(before, after);
        assertEquals(
                invalidBefore + 4,
                WorkerMetrics.value("colshift_backfill_dead_letters_total{error_class=\"invalid\"}"));
    }

    @Test
    void rangesOfAFinishedMigrationAreSkipped() throws Exception {
        send(BackfillBatch.of("m-finished", 0, 1, 101));
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> "0"
                        .equals(TestDatabase.scalar(
                                "SELECT count(*) FROM colshift.batches WHERE migration_id = 'm-finished'")));
    }

    private static void send(BackfillBatch batch) {
        TestTopics.send(
                Topics.BACKFILL_BATCHES,
                Topics.batchKey(batch.migrationId(), batch.rangeId()),
                EventCodec.encode(batch));
    }

    private static String reason(Header header) {
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
