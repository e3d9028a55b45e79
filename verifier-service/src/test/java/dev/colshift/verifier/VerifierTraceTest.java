package dev.colshift.verifier;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.Phase;
import dev.colshift.schemas.PhaseChanged;
import dev.colshift.schemas.Topics;
import dev.colshift.testkit.ColshiftTestResources;
import dev.colshift.testkit.TestTopics;
import dev.colshift.testkit.Traceparent;
import dev.colshift.verifier.trace.TracingOn;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A VERIFYING event sent with a {@code traceparent} (as the planner's outbox sends it) is verified in that trace: the
 * connector's consumer span is a child of the sender's span, the verifier's span (the checks) a child of the consumer
 * span, and the verdict goes back in the same trace.
 */
@QuarkusTest
@TestProfile(TracingOn.class)
@WithTestResource(ColshiftTestResources.class)
class VerifierTraceTest extends VerifierScenario {
    private static final Traceparent PLANNER = new Traceparent("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331");

    @Inject
    InMemorySpanExporter spans;

    @Test
    void theChecksRunInsideTheSendersTrace() {
        String id = newMigrationId();
        db.execute(
                "CREATE TABLE public.traced_notes (id integer PRIMARY KEY)",
                "ALTER TABLE public.traced_notes ADD COLUMN score integer",
                "ALTER TABLE public.traced_notes ALTER COLUMN score SET DEFAULT (0)");
        LedgerFixture m = Fixtures.nullableWithDefault(
                id,
                "traced_notes",
                new MigrationSpec("public.traced_notes", "score", "integer", "0", null, null, null),
                "integer",
                0L);
        m.insertMigration(db);
        m.recordDdlSteps(db);

        TestTopics.send(
                Topics.MIGRATION_PHASES,
                id,
                EventCodec.encode(verifying(id, "public.traced_notes")),
                Map.of("traceparent", PLANNER.header()));
        ConsumerRecord<String, String> verdict = TestTopics.read(
                        Topics.MIGRATION_PHASES,
                        r -> r,
                        r -> id.equals(r.key())
                                && EventCodec.decode(r.value(), PhaseChanged.class)
                                                .phase()
                                        == Phase.VERIFIED,
                        1,
                        Duration.ofSeconds(60))
                .get(0);

        SpanData consumer = awaitSpan(
                s -> s.getKind() == SpanKind.CONSUMER && PLANNER.parentSpanId().equals(s.getParentSpanId()));
        assertEquals(PLANNER.traceId(), consumer.getTraceId());
        SpanData verify =
                awaitSpan(s -> s.getName().equals("verify") && s.getTraceId().equals(PLANNER.traceId()));
        assertEquals(
                consumer.getSpanId(), verify.getParentSpanId(), "the checks' span is a child of the consumer span");

        Traceparent answered = Traceparent.of(verdict);
        assertNotNull(answered, "the verdict has no traceparent");
        assertEquals(PLANNER.traceId(), answered.traceId(), "the verdict goes back in the migration's trace");
    }

    private SpanData awaitSpan(Predicate<SpanData> wanted) {
        return await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> spans.getFinishedSpanItems().stream()
                                .filter(wanted)
                                .findFirst()
                                .orElse(null),
                        s -> s != null);
    }
}
