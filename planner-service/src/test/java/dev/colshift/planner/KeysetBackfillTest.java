package dev.colshift.planner;

import static dev.colshift.planner.PlannerScenario.awaitPhase;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colshift.schemas.CheckResult;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.KeyColumn;
import dev.colshift.schemas.KeyRange;
import dev.colshift.schemas.KeysetSql;
import dev.colshift.schemas.Phase;
import dev.colshift.schemas.PhaseChanged;
import dev.colshift.schemas.Topics;
import dev.colshift.testkit.ColshiftTestResources;
import dev.colshift.testkit.TestDatabase;
import dev.colshift.testkit.TestTopics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keyset ranges over every kind of key, on real PostgreSQL and Kafka, with an application writing the table
 * throughout the backfill (the test plays the worker with the ledger's own statements): no row is left NULL, every
 * row the backfill wrote holds the expression, no application write is overwritten, each stored range is recorded
 * exactly once, and no range was empty when the walk stored it (sparse keys make no empty ranges).
 */
@QuarkusTest
@WithTestResource(ColshiftTestResources.class)
class KeysetBackfillTest {
    private static final int ROWS = 1_000;
    private static final int BATCH = 75;
    private static final String SPEC = """
            {"table": "%s", "column": "doubled", "type": "integer", "backfillExpression": "size * 2",
             "nullable": false, "batchSize": %d}""";

    @Test
    void denseIntegerKey() throws Exception {
        backfill(
                "dense_ints",
                List.of(
                        "CREATE TABLE dense_ints (id bigint PRIMARY KEY, size int NOT NULL)",
                        "INSERT INTO dense_ints SELECT g, g % 13 FROM generate_series(1, " + ROWS + ") g"),
                "INSERT INTO dense_ints SELECT (SELECT max(id) FROM dense_ints) + 1, 5",
                List.of(new KeyColumn("id", "bigint")));
    }

    @Test
    void sparseIntegerKeyMakesNoEmptyRanges() throws Exception {
        backfill(
                "sparse_ints",
                List.of(
                        "CREATE TABLE sparse_ints (id integer PRIMARY KEY, size int NOT NULL)",
                        "INSERT INTO sparse_ints SELECT g * 1000, g % 13 FROM generate_series(1, " + ROWS + ") g"),
                "INSERT INTO sparse_ints SELECT (SELECT max(id) FROM sparse_ints) + 1000, 5",
                List.of(new KeyColumn("id", "integer")));
    }

    @Test
    void uuidKey() throws Exception {
        backfill(
                "uuid_keyed",
                List.of(
                        "CREATE TABLE uuid_keyed (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), size int NOT NULL)",
                        "INSERT INTO uuid_keyed (size) SELECT g % 13 FROM generate_series(1, " + ROWS + ") g"),
                "INSERT INTO uuid_keyed (size) VALUES (5)", // anywhere in the key space, inside walked ranges too
                List.of(new KeyColumn("id", "uuid")));
    }

    /**
     * A text key in the "C" collation under a unique index (no primary key): the walk orders and compares in the
     * column's collation, so upper- and lower-case, digits and punctuation interleave as the index has them.
     */
    @Test
    void textKeyUnderAUniqueIndexInItsColumnsCollation() throws Exception {
        backfill(
                "text_keyed",
                List.of(
                        "CREATE TABLE text_keyed (code text COLLATE \"C\" NOT NULL, size int NOT NULL, note text)",
                        "CREATE UNIQUE INDEX text_keyed_code ON text_keyed (code)",
                        "INSERT INTO text_keyed SELECT (ARRAY['a', 'B', 'é', '_', ' ', 'Z9'])[1 + g % 6]"
                                + " || md5(g::text), g % 13 FROM generate_series(1, " + ROWS + ") g"),
                "INSERT INTO text_keyed (code, size) VALUES ('A' || md5(random()::text), 5)",
                List.of(new KeyColumn("code", "text")));
    }

    @Test
    void compositeKey() throws Exception {
        backfill(
                "composite_keyed",
                List.of(
                        "CREATE TABLE composite_keyed (tenant int, id uuid DEFAULT gen_random_uuid(),"
                                + " size int NOT NULL, PRIMARY KEY (tenant, id))",
                        "INSERT INTO composite_keyed (tenant, size) SELECT g % 7, g % 13" + " FROM generate_series(1, "
                                + ROWS + ") g"),
                "INSERT INTO composite_keyed (tenant, size) VALUES ((random() * 6)::int, 5)",
                List.of(new KeyColumn("tenant", "integer"), new KeyColumn("id", "uuid")));
    }

    @Test
    void aTableWithoutAUsableKeyIsRefusedWithTheReason() {
        try {
            TestDatabase.execute(
                    "CREATE TABLE keyless (code text, size int NOT NULL)",
                    "CREATE UNIQUE INDEX keyless_code ON keyless (code)",
                    "INSERT INTO keyless VALUES ('a', 1)");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        PlannerScenario.post("application/json", SPEC.formatted("keyless", BATCH), false)
                .statusCode(400)
                .body(containsString("no unique index is over NOT NULL columns only"))
                .body(containsString("keyless_code"));
    }

    /**
     * Runs the migration while the application writes the table (sets the new column on rows it marks as touched,
     * inserts rows the fill trigger fills), then checks the table and the ledgers.
     */
    private static void backfill(String table, List<String> setup, String insert, List<KeyColumn> key)
            throws Exception {
        TestDatabase.execute(setup.toArray(String[]::new));
        TestDatabase.execute(
                "ALTER TABLE " + table + " ADD COLUMN touched boolean NOT NULL DEFAULT false", "ANALYZE " + table);
        String id = PlannerScenario.submit("application/json", SPEC.formatted(table, BATCH));
        awaitPhase(id, "BACKFILLING");
        try (ApplicationWrites app = new ApplicationWrites(table, insert)) {
            app.awaitWrites(20);
            PlannerScenario.playWorker(id);
            app.awaitWrites(app.writes() + 5);
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

        assertEquals("0", TestDatabase.scalar("SELECT count(*) FROM " + table + " WHERE doubled IS NULL"));
        assertEquals(
                "0",
                TestDatabase.scalar("SELECT count(*) FROM " + table + " WHERE touched AND doubled <> -1"),
                "an application write was overwritten");
        assertEquals(
                "0",
                TestDatabase.scalar("SELECT count(*) FROM " + table + " WHERE NOT touched AND doubled <> size * 2"),
                "a row the application left alone does not hold the expression");
        assertTrue(Long.parseLong(TestDatabase.scalar("SELECT count(*) FROM " + table + " WHERE touched")) > 0);
        String ledger = "SELECT (SELECT count(*) FROM colshift.ranges WHERE migration_id = '%1$s') || ':'"
                + " || (SELECT count(*) FROM colshift.batches WHERE migration_id = '%1$s') || ':'"
                + " || (SELECT batches_total FROM colshift.migrations WHERE id = '%1$s')";
        long ranges = (ROWS + BATCH - 1) / BATCH; // as many ranges as the keys need, however sparse
        assertEquals(ranges + ":" + ranges + ":" + ranges, TestDatabase.scalar(ledger.formatted(id)));
        assertNoRangeEmpty(id, table, key);
    }

    /** Every stored range holds keys: the application deletes none, so none was empty when the walk stored it. */
    private static void assertNoRangeEmpty(String id, String table, List<KeyColumn> key) throws Exception {
        KeysetSql keyset = new KeysetSql("\"public\".\"" + table + "\"", key);
        try (Connection c = TestDatabase.connect()) {
            for (KeyRange range : PlannerScenario.storedRanges(c, id)) {
                String count = ("SELECT count(*) FROM \"public\".\"" + table + "\" WHERE "
                                + keyset.rangeCondition(range.upperInclusive()))
                        .replaceAll("\\$\\d+", "?");
                try (PreparedStatement keys = c.prepareStatement(count)) {
                    int parameter = 1;
                    for (String value : range.lower()) {
                        keys.setString(parameter++, value);
                    }
                    for (String value : range.upper()) {
                        keys.setString(parameter++, value);
                    }
                    try (ResultSet rs = keys.executeQuery()) {
                        rs.next();
                        assertTrue(rs.getLong(1) >= (range.upperInclusive() ? 1 : BATCH), range.describe());
                    }
                }
            }
        }
    }
}
