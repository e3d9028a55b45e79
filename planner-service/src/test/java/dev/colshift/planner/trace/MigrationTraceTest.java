package dev.colshift.planner.trace;

import static dev.colshift.planner.PlannerScenario.runToCompletion;
import static dev.colshift.planner.PlannerScenario.submit;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.Phase;
import dev.colshift.schemas.PhaseChanged;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * One trace per migration: the span the planner records at intake is kept in the ledger, and every batch range and
 * the VERIFYING event (sent by the driver and the outbox relay long after the request) carry a {@code traceparent}
 * header in that trace, naming a producer span the planner recorded as a child of the migration's span.
 */
@QuarkusTest
@TestProfile(TracingOn.class)
@WithTestResource(ColshiftTestResources.class)
class MigrationTraceTest {
    private static final int RANGES = 5;

    @Inject
    InMemorySpanExporter spans;

    @Test
    void batchesAndTheVerifyingEventCarryTheMigrationsTrace() throws Exception {
        TestDatabase.execute(
                "CREATE TABLE traced (id bigint PRIMARY KEY, plan_id int NOT NULL)",
                "INSERT INTO traced SELECT g, g % 5 FROM generate_series(1, 500) g");
        String id = submit(
                "application/json",
                "{\"table\":\"traced\",\"column\":\"plan_code\",\"type\":\"int\",\"backfillExpression\":"
                        + "\"plan_id * 10\",\"nullable\":false,\"batchSize\":100}");
        runToCompletion(id);

        Traceparent migration = Traceparent.parse(
                TestDatabase.scalar("SELECT traceparent FROM colshift.migrations WHERE id = '" + id + "'"));
        assertEquals(
                migration.traceId(),
                io.restassured.RestAssured.get("/migrations/" + id)
                        .then()
                        .extract()
                        .path("traceId"),
                "GET /migrations/{id} names the trace to look up");
        SpanData migrationSpan = awaitSpan(migration.traceId(), migration.parentSpanId());
        assertEquals("migration " + id, migrationSpan.getName());
        SpanData request = awaitSpan(migration.traceId(), migrationSpan.getParentSpanId());
        assertEquals(SpanKind.SERVER, request.getKind(), "the migration's span is a child of the intake request");

        List<ConsumerRecord<String, String>> batches = TestTopics.read(
                Topics.BACKFILL_BATCHES, r -> r, r -> r.key().startsWith(id + ":"), RANGES, Duration.ofSeconds(30));
        for (ConsumerRecord<String, String> batch : batches) {
            assertSentInTrace(batch, migration);
        }
        ConsumerRecord<String, String> verifying = TestTopics.read(
                        Topics.MIGRATION_PHASES,
                        r -> r,
                        r -> id.equals(r.key())
                                && EventCodec.decode(r.value(), PhaseChanged.class)
                                                .phase()
                                        == Phase.VERIFYING,
                        1,
                        Duration.ofSeconds(30))
                .get(0);
        assertSentInTrace(verifying, migration);
    }

    /** The record's traceparent names a producer span of the migration's trace, child of the migration's span. */
    private void assertSentInTrace(ConsumerRecord<String, String> record, Traceparent migration) {
        Traceparent sent = Traceparent.of(record);
        assertNotNull(sent, "no traceparent header on " + record.topic() + " " + record.key());
        assertEquals(migration.traceId(), sent.traceId(), "trace of " + record.topic() + " " + record.key());
        SpanData producer = awaitSpan(sent.traceId(), sent.parentSpanId());
        assertEquals(SpanKind.PRODUCER, producer.getKind());
        assertEquals(migration.parentSpanId(), producer.getParentSpanId(), "parent of " + producer.getName());
    }

    private SpanData awaitSpan(String traceId, String spanId) {
        return await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> spans.getFinishedSpanItems().stream()
                                .filter(s -> s.getTraceId().equals(traceId)
                                        && s.getSpanId().equals(spanId))
                                .findFirst()
                                .orElse(null),
                        s -> s != null);
    }
}
