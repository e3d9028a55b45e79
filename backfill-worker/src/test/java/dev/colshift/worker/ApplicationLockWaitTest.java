package dev.colshift.worker;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colshift.schemas.BackfillBatch;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.LedgerTables;
import dev.colshift.schemas.Topics;
import dev.colshift.testkit.ColshiftTestResources;
import dev.colshift.testkit.TestDatabase;
import dev.colshift.testkit.TestTopics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Waiting for the application is never a failure: an application transaction holds a row lock in a range for many
 * times the retry budget (3 attempts of a 300 ms lock timeout here); the range waits, says who it waits for, is not
 * dead-lettered, and is backfilled once the lock is released.
 */
@QuarkusTest
@WithTestResource(ColshiftTestResources.class)
class ApplicationLockWaitTest {
    private static final String BACKFILL =
            "UPDATE \"public\".\"orders\" AS \"orders\" SET \"total_cents\" = (total * 100)"
                    + " WHERE \"id\" >= $1 AND \"id\" < $2 AND \"total_cents\" IS NULL";

    @Test
    void aRangeWaitsOutTheApplicationsRowLockAndCompletesAfterwards() throws Exception {
        TestDatabase.execute(LedgerTables.DDL.toArray(String[]::new));
        TestDatabase.execute(
                "CREATE TABLE orders (id bigint PRIMARY KEY, total int NOT NULL)",
                "INSERT INTO orders SELECT g, g FROM generate_series(1, 300) g",
                "ALTER TABLE orders ADD COLUMN total_cents bigint",
                "INSERT INTO colshift.migrations (id, spec, plan, table_schema, table_name, column_name, key_column,"
                        + " backfill_sql, batch_size, phase, requested_by, range_lower, range_upper, batches_total)"
                        + " VALUES ('m-locked', '{}', '{}', 'public', 'orders', 'total_cents', 'id', '"
                        + BACKFILL.replace("'", "''") + "', 100, 'BACKFILLING', 'test', 1, 300, 3)");

        try (Connection application = TestDatabase.connect()) {
            application.setAutoCommit(false);
            int applicationPid;
            try (Statement s = application.createStatement();
                    ResultSet rs = s.executeQuery("SELECT pg_backend_pid() FROM orders WHERE id = 150 FOR UPDATE")) {
                rs.next();
                applicationPid = rs.getInt(1);
            }
            for (long range = 0; range < 3; range++) {
                BackfillBatch batch = BackfillBatch.of("m-locked", range, 1 + range * 100, 101 + range * 100);
                TestTopics.send(Topics.BACKFILL_BATCHES, Topics.batchKey("m-locked", range), EventCodec.encode(batch));
            }

            String reason = await().atMost(Duration.ofSeconds(30))
                    .until(ApplicationLockWaitTest::throttleReasons, r -> r.contains("m-locked"));
            assertTrue(reason.contains("BLOCKED_BY_APPLICATION"), reason);
            assertTrue(
                    reason.contains(
                            "pid " + applicationPid + " (idle in transaction) has held a lock on public.orders"),
                    reason);

            // hold the lock for many times the old budget of three attempts
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> lockRetries() >= 8 && heldSeconds(throttleReasons()) >= 4);
            assertEquals(
                    1.0,
                    WorkerMetrics.value("colshift_backfill_throttled{reason=\"blocked_by_application\"}"),
                    "the wait shows as a throttle reason");
            // and the planner can tell: the worker reports it in the ledger
            String reported = await().atMost(Duration.ofSeconds(10))
                    .until(
                            () -> TestDatabase.scalar("SELECT kind || ' ' || migration_id || ' ' || reason"
                                    + " FROM colshift.worker_throttle WHERE seen_at > clock_timestamp() - interval"
                                    + " '10 seconds'"),
                            r -> r != null);
            assertTrue(reported.startsWith("blocked_by_application m-locked "), reported);
            assertTrue(reported.contains("pid " + applicationPid), reported);
            assertEquals(
                    "0",
                    TestDatabase.scalar(
                            "SELECT count(*) FROM colshift.batches WHERE migration_id = 'm-locked' AND range_id = 1"));
            assertThrows(
                    AssertionError.class,
                    () -> TestTopics.read(
                            Topics.BACKFILL_BATCHES_DLQ,
                            r -> r.key(),
                            key -> key.startsWith("m-locked"),
                            1,
                            Duration.ofSeconds(2)),
                    "a range waiting for the application is never dead-lettered");
            application.rollback();
        }

        await().atMost(Duration.ofSeconds(30))
                .until(() -> "3"
                        .equals(TestDatabase.scalar(
                                "SELECT count(*) FROM colshift.batches WHERE migration_id = 'm-locked'")));
        assertEquals(
                "0", TestDatabase.scalar("SELECT count(*) FROM orders WHERE total_cents IS DISTINCT FROM total * 100"));
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        WorkerMetrics.value("colshift_backfill_throttled{reason=\"blocked_by_application\"}") == 0);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "0".equals(TestDatabase.scalar("SELECT count(*) FROM colshift.worker_throttle")));
    }

    private static String throttleReasons() {
        return given().when().get("/throttle").then().statusCode(200).extract().asString();
    }

    private static int heldSeconds(String reasons) {
        Matcher m = Pattern.compile("for (\\d+) s").matcher(reasons);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static double lockRetries() {
        return WorkerMetrics.value("colshift_backfill_retries_total{error_class=\"lock_busy\"}");
    }
}
