package dev.colshift.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colshift.schemas.BackfillBatch;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.LedgerTables;
import dev.colshift.schemas.Topics;
import dev.colshift.testkit.ReplicatedTestResources;
import dev.colshift.testkit.TestDatabase;
import dev.colshift.testkit.TestTopics;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The lag throttle against a real streaming replica: while the replica's replay is paused and it is more than the
 * limit behind, no range starts; once it replays again, the backfill goes on and completes.
 */
@QuarkusTest
@WithTestResource(
        value = ReplicatedTestResources.class,
        initArgs = @ResourceArg(name = "colshift.worker.throttle.max-replica-lag-bytes", value = "1048576"))
@EnabledIf("dev.colshift.testkit.LocalPostgres#available")
class ReplicaLagThrottleTest {
    private static final long LAG_LIMIT_BYTES = 1_048_576;
    private static final String BACKFILL = "UPDATE \"public\".\"events\" AS \"events\" SET \"weight\" = (kind * 2)"
            + " WHERE \"id\" >= $1 AND \"id\" < $2 AND \"weight\" IS NULL";

    @Test
    void noRangeStartsWhileAReplicaLagsBeyondTheLimitAndAllFinishOnceItCatchesUp() throws Exception {
        TestDatabase.execute(LedgerTables.DDL.toArray(String[]::new));
        TestDatabase.execute(
                "CREATE TABLE events (id bigint PRIMARY KEY, kind int NOT NULL)",
                "INSERT INTO events SELECT g, g % 7 FROM generate_series(1, 1000) g",
                "ALTER TABLE events ADD COLUMN weight int",
                "INSERT INTO colshift.migrations (id, spec, plan, table_schema, table_name, column_name, key_column,"
                        + " backfill_sql, batch_size, phase, requested_by, range_lower, range_upper, batches_total)"
                        + " VALUES ('m-lagged', '{}', '{}', 'public', 'events', 'weight', 'id', '"
                        + BACKFILL.replace("'", "''") + "', 100, 'BACKFILLING', 'test', 1, 1000, 10)");

        ReplicatedTestResources.onReplica("SELECT pg_wal_replay_pause()");
        TestDatabase.execute("CREATE TABLE filler AS SELECT g, repeat('x', 200) AS s FROM generate_series(1, 30000) g");
        await().atMost(Duration.ofSeconds(30)).until(() -> lagBytes() > LAG_LIMIT_BYTES);

        for (long range = 0; range < 10; range++) {
            BackfillBatch batch = BackfillBatch.of("m-lagged", range, 1 + range * 100, 101 + range * 100);
            TestTopics.send(Topics.BACKFILL_BATCHES, Topics.batchKey("m-lagged", range), EventCodec.encode(batch));
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> WorkerMetrics.value("colshift_backfill_throttled{reason=\"replica_lag\"}") == 1.0);
        String reasons =
                RestAssured.get("/throttle").then().statusCode(200).extract().asString();
        assertTrue(reasons.contains("REPLICA_LAG") && reasons.contains("bytes /"), reasons);
        String lagGauge = WorkerMetrics.scrape()
                .lines()
                .filter(l -> l.startsWith("colshift_backfill_replica_lag_bytes{"))
                .findFirst()
                .orElseThrow();
        assertTrue(Double.parseDouble(lagGauge.substring(lagGauge.lastIndexOf(' ') + 1)) > LAG_LIMIT_BYTES, lagGauge);

        Thread.sleep(3_000); // the worker holds back for as long as the replica lags
        assertEquals("0", TestDatabase.scalar("SELECT count(*) FROM colshift.batches WHERE migration_id = 'm-lagged'"));
        assertTrue(WorkerMetrics.value("colshift_backfill_throttle_seconds_total{reason=\"replica_lag\"}") >= 2);

        ReplicatedTestResources.onReplica("SELECT pg_wal_replay_resume()");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> "10"
                        .equals(TestDatabase.scalar(
                                "SELECT count(*) FROM colshift.batches WHERE migration_id = 'm-lagged'")));
        assertEquals("0", TestDatabase.scalar("SELECT count(*) FROM events WHERE weight IS DISTINCT FROM kind * 2"));
        assertEquals(0.0, WorkerMetrics.value("colshift_backfill_throttled{reason=\"replica_lag\"}"));
    }

    private static long lagBytes() throws Exception {
        return Long.parseLong(TestDatabase.scalar(
                "SELECT coalesce(max(pg_wal_lsn_diff(sent_lsn, replay_lsn)), 0)::bigint FROM pg_stat_replication"));
    }
}
