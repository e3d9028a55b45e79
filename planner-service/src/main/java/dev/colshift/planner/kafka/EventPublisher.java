package dev.colshift.planner.kafka;

import dev.colshift.planner.trace.MigrationTraces;
import dev.colshift.schemas.BackfillBatch;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.PhaseChanged;
import dev.colshift.schemas.Topics;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends the planner's records: batch ranges directly (the ledger can always re-derive them), phase and audit events
 * as the {@link OutboxRelay} hands them over. Each Uni completes when the broker has acknowledged the record.
 */
@ApplicationScoped
public class EventPublisher {
    private final MutinyEmitter<String> phases;
    private final MutinyEmitter<String> batches;
    private final MutinyEmitter<String> audit;
    private final MigrationTraces traces;

    public EventPublisher(
            MigrationTraces traces,
            @Channel("phases-out") MutinyEmitter<String> phases,
            @Channel("batches-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
                    MutinyEmitter<String> batches,
            @Channel("audit-out") MutinyEmitter<String> audit) {
        this.phases = phases;
        this.batches = batches;
        this.audit = audit;
        this.traces = traces;
    }

    /**
     * A phase event that announces no ledger change (the answer to a request refused before anything was recorded),
     * so it needs no outbox.
     */
    public Uni<Void> phase(PhaseChanged event) {
        return send(phases, event.migrationId(), EventCodec.encode(event));
    }

    /** A range, sent in the migration's trace (its {@code traceparent} header names a span of that trace). */
    public Uni<Void> batch(BackfillBatch event) {
        return traces.contextOf(event.migrationId())
                .chain(trace -> send(
                        batches,
                        Topics.batchKey(event.migrationId(), event.rangeId()),
                        EventCodec.encode(event),
                        trace));
    }

    /**
     * An already encoded event from the outbox, to the emitter of its topic, in the trace of the migration it names
     * (outbox events are keyed by migration id).
     */
    Uni<Void> send(String topic, String key, String payload) {
        MutinyEmitter<String> emitter;
        switch (topic) {
            case Topics.MIGRATION_PHASES -> emitter = phases;
            case Topics.AUDIT -> emitter = audit;
            default -> {
                return Uni.createFrom().failure(new IllegalArgumentException("no channel for topic " + topic));
            }
        }
        return traces.contextOf(key).chain(trace -> send(emitter, key, payload, trace));
    }

    private static Uni<Void> send(MutinyEmitter<String> emitter, String key, String payload) {
        return send(emitter, key, payload, Context.current());
    }

    /**
     * The connector's producer span is a child of {@code trace} (named in the message's tracing metadata, not taken
     * from whatever is current when the Uni runs), and its context goes out in the {@code traceparent} header.
     */
    private static Uni<Void> send(MutinyEmitter<String> emitter, String key, String payload, Context trace) {
        return emitter.sendMessage(Message.of(payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(key)
                        .build())
                .addMetadata(TracingMetadata.withCurrent(trace)));
    }
}
