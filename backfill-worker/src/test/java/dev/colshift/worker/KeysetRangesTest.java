package dev.colshift.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colshift.schemas.BackfillBatch;
import dev.colshift.schemas.BackfillProgress;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keyset ranges on real PostgreSQL and Kafka: a worker fills exactly the stored range a message names (composite
 * text/integer key, text bounds cast by PostgreSQL), and dead-letters a message whose bounds or id name no stored
 * range; a version-1 message still fills a stored range of an integer key.
 */
@QuarkusTest
@WithTestResource(ColshiftTestResources.class)
class KeysetRangesTest {
    private static final List<KeyColumn> KEY = List.of(new KeyColumn("region", "text"), new KeyColumn("n", "integer"));
    private static final List<KeyRange> RANGES = List.of(
            new KeyRange(0, List.of("eu", "1"), List.of("eu", "41"), false),
            new KeyRange(1, List.of("eu", "41"), List.of("us", "1"), false),
            new KeyRange(2, List.of("us", "1"), List.of("us", "60"), true));

    @BeforeAll
    static void ledgerAndTables() throws Exception {
        TestDatabase.execute(LedgerTables.DDL.toArray(String[]::new));
        TestDatabase.execute(
                "CREATE TABLE shops (region text, n integer, size int NOT NULL, PRIMARY KEY (region, n))",
                "INSERT INTO shops SELECT r, g, g % 7 FROM unnest(ARRAY['eu', 'us']) r, generate_series(1, 60) g",
                "ALTER TABLE shops ADD COLUMN doubled int",
                KeysetLedgerRows.migration("m-keyset-shops", "shops", "doubled", "size * 2", KEY, 40, 3),
                "CREATE TABLE counters (id bigint PRIMARY KEY)",
                "INSERT INTO counters SELECT g * 1000 FROM generate_series(1, 30) g",
                "ALTER TABLE counters ADD COLUMN flag boolean",
                KeysetLedgerRows.migration(
                        "m-keyset-counters", "counters", "flag", "true", List.of(new KeyColumn("id", "bigint")), 40, 3),
                "INSERT INTO colshift.ranges (migration_id, range_id, lower_key, upper_key, upper_inclusive) VALUES"
                        + " ('m-keyset-counters', 0, '{1000}', '{30000}', true)");
        for (KeyRange range : RANGES) {
            TestDatabase.execute(KeysetLedgerRows.storedRange("m-keyset-shops", range));
        }
    }

    @Test
    void fillsExactlyTheStoredRangeEachMessageNames() throws Exception {
        TestDatabase.execute("UPDATE shops SET doubled = -1 WHERE region = 'us' AND n = 60"); // the application's
        for (KeyRange range : RANGES) {
            send(BackfillBatch.of("m-keyset-shops", KEY, range));
        }
        send(BackfillBatch.of("m-keyset-shops", KEY, RANGES.get(1))); // a redelivery
        List<BackfillProgress> progress = TestTopics.read(
                Topics.BACKFILL_PROGRESS,
                r -> EventCodec.decode(r.value(), BackfillProgress.class),
                p -> p.migrationId().equals("m-keyset-shops"),
                4,
                Duration.ofSeconds(60));
        assertEquals(1, progress.stream().filter(BackfillProgress::alreadyDone).count());
        // [eu 1, eu 41) has 40 rows, [eu 41, us 1) 20, [us 1, us 60] 60 less the application's row
        assertEquals(
                "0:40,1:20,2:59",
                TestDatabase.scalar("SELECT string_agg(range_id || ':' || rows_updated, ',' ORDER BY range_id)"
                        + " FROM colshift.batches WHERE migration_id = 'm-keyset-shops'"));
        assertEquals(
                "{us,1}..{us,60}",
                TestDatabase.scalar("SELECT lower_key::text || '..' || upper_key::text FROM colshift.batches"
                        + " WHERE migration_id = 'm-keyset-shops' AND range_id = 2"));
        assertEquals("-1", TestDatabase.scalar("SELECT doubled FROM shops WHERE region = 'us' AND n = 60"));
        assertEquals(
                "0",
                TestDatabase.scalar("SELECT count(*) FROM shops WHERE NOT (region = 'us' AND n = 60)"
                        + " AND doubled IS DISTINCT FROM size * 2"));
    }

    @Test
    void aForgedMessageNamesNoOtherRangeAndChangesNothing() throws Exception {
        TestDatabase.execute("CREATE TABLE untouched AS SELECT * FROM shops");
        send(BackfillBatch.of("m-keyset-shops", KEY, new KeyRange(0, List.of("eu", "1"), List.of("zz", "0"), false)));
        send(BackfillBatch.of("m-keyset-shops", KEY, new KeyRange(7, List.of("eu", "1"), List.of("eu", "2"), false)));
        send(BackfillBatch.of("m-keyset-shops", 1, 1, 41)); // integer bounds for a text key
        List<String> reasons = TestTopics.read(
                Topics.BACKFILL_BATCHES_DLQ,
                r -> r.key() != null && r.key().startsWith("m-keyset-shops")
                        ? new String(
                                r.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8)
                        : null,
                r -> r != null,
                3,
                Duration.ofSeconds(60));
        assertTrue(
                reasons.contains("range 0 [eu, 1] .. [zz, 0) is not the stored range 0 [eu, 1] .. [eu, 41)"),
                reasons.toString());
        assertTrue(reasons.contains("range 7 is not a stored range of migration m-keyset-shops"), reasons.toString());
        assertTrue(
                reasons.contains("range 1 [1, 41) is not the stored range 1 [eu, 41] .. [us, 1)"), reasons.toString());
        assertEquals(
                "0",
                TestDatabase.scalar("SELECT count(*) FROM shops s JOIN untouched u USING (region, n)"
                        + " WHERE s.doubled IS DISTINCT FROM u.doubled"));
    }

    @Test
    void aVersionOneMessageStillFillsAStoredIntegerRange() throws Exception {
        send(BackfillBatch.of("m-keyset-counters", 0, 1000, 30001));
        TestTopics.read(
                Topics.BACKFILL_PROGRESS,
                r -> EventCodec.decode(r.value(), BackfillProgress.class),
                p -> p.migrationId().equals("m-keyset-counters"),
                1,
                Duration.ofSeconds(60));
        assertEquals("30", TestDatabase.scalar("SELECT count(*) FROM counters WHERE flag"));
        assertEquals(
                "30",
                TestDatabase.scalar(
                        "SELECT rows_updated FROM colshift.batches WHERE migration_id = 'm-keyset-counters'"));
    }

    private static void send(BackfillBatch batch) {
        TestTopics.send(
                Topics.BACKFILL_BATCHES,
                Topics.batchKey(batch.migrationId(), batch.rangeId()),
                EventCodec.encode(batch));
    }
}
