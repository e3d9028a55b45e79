package dev.colshift.worker.trace;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.colshift.schemas.BackfillBatch;
import dev.colshift.schemas.BackfillProgress;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.LedgerTables;
import dev.colshift.schemas.Topics;
import dev.colshift.testkit.ColshiftTestResources;
import dev.colshift.testkit.TestDatabase;
import dev.colshift.testkit.TestTopics;
import dev.colshift.testkit.Traceparent;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A range sent with a {@code traceparent} (as the planner sends it) is processed in that trace: the connector's
 * consumer span is a child of the sender's span, the worker's own span for the range (the UPDATE and its ledger row)
 * a child of the consumer span, and the progress it reports goes back in the same trace.
 */
@QuarkusTest
@TestProfile(TracingOn.class)
@WithTestResource(ColshiftTestResources.class)
class WorkerTraceTest {
    private static final Traceparent PLANNER = new Traceparent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7");

    @Inject
    InMemorySpanExporter spans;

    @Test
    void theRangeIsBackfilledInsideTheSendersTrace() throws Exception {
        String backfill = "UPDATE \"public\".\"traced\" AS \"traced\" SET \"plan_code\" = (plan_id * 10)"
                + " WHERE \"id\" >= $1 AND \"id\" < $2 AND \"plan_code\" IS NULL";
        TestDatabase.execute(LedgerTables.DDL.toArray(String[]::new));
        TestDatabase.execute(
                "CREATE TABLE traced (id bigint PRIMARY KEY, plan_id int NOT NULL)",
                "INSERT INTO traced SELECT g, g % 5 FROM generate_series(1, 100) g",
                "ALTER TABLE traced ADD COLUMN plan_code smallint",
                "INSERT INTO colshift.migrations (id, spec, plan, table_schema, table_name, column_name, key_column,"
                        + " backfill_sql, batch_size, phase, requested_by, range_lower, range_upper, batches_total)"
                        + " VALUES ('m-traced', '{}', '{}', 'public', 'traced', 'plan_code', 'id', '"
                        + backfill.replace("'", "''") + "', 100, 'BACKFILLING', 'test', 1, 100, 1)");

        TestTopics.send(
                Topics.BACKFILL_BATCHES,
                Topics.batchKey("m-traced", 0),
                EventCodec.encode(BackfillBatch.of("m-traced", 0, 1, 101)),
                Map.of("traceparent", PLANNER.header()));

        ConsumerRecord<String, String> progress = TestTopics.read(
                        Topics.BACKFILL_PROGRESS,
                        r -> r,
                        r -> EventCodec.decode(r.value(), BackfillProgress.class)
                                .migrationId()
                                .equals("m-traced"),
                        1,
                        Duration.ofSeconds(60))
                .get(0);
        assertEquals("100", TestDatabase.scalar("SELECT count(plan_code) FROM traced"));

        SpanData consumer = awaitSpan(
                s -> s.getKind() == SpanKind.CONSUMER && PLANNER.parentSpanId().equals(s.getParentSpanId()));
        assertEquals(PLANNER.traceId(), consumer.getTraceId());
        SpanData range = awaitSpan(s -> s.getName().equals("backfill range 0"));
        assertEquals(PLANNER.traceId(), range.getTraceId());
        assertEquals(consumer.getSpanId(), range.getParentSpanId(), "the range's span is a child of the consumer span");
        assertEquals(
                "m-traced",
                range.getAttributes().asMap().entrySet().stream()
                        .filter(e -> e.getKey().getKey().equals("colshift.migration.id"))
                        .findFirst()
                        .orElseThrow()
                        .getValue());

        Traceparent reported = Traceparent.of(progress);
        assertNotNull(reported, "the progress record has no traceparent");
        assertEquals(PLANNER.traceId(), reported.traceId(), "the progress goes back in the migration's trace");
    }

    private SpanData awaitSpan(java.util.function.Predicate<SpanData> wanted) {
        return await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> {
                            List<SpanData> finished = spans.getFinishedSpanItems();
                            return finished.stream().filter(wanted).findFirst().orElse(null);
                        },
                        s -> s != null);
    }
}
