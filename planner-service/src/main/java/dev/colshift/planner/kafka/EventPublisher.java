package dev.colshift.planner.kafka;

import dev.colshift.schemas.BackfillBatch;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.PhaseChanged;
import dev.colshift.schemas.Topics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
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

    public EventPublisher(
            @Channel("phases-out") MutinyEmitter<String> phases,
            @Channel("batches-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
                    MutinyEmitter<String> batches,
            @Channel("audit-out") MutinyEmitter<String> audit) {
        this.phases = phases;
        this.batches = batches;
        this.audit = audit;
    }

    /**
     * A phase event that announces no ledger change (the answer to a request refused before anything was recorded),
     * so it needs no outbox.
     */
    public Uni<Void> phase(PhaseChanged event) {
        return send(phases, event.migrationId(), EventCodec.encode(event));
    }

    public Uni<Void> batch(BackfillBatch event) {
        return send(batches, Topics.batchKey(event.migrationId(), event.rangeId()), EventCodec.encode(event));
    }

    /** An already encoded event from the outbox, to the emitter of its topic. */
    Uni<Void> send(String topic, String key, String payload) {
        return switch (topic) {
            case Topics.MIGRATION_PHASES -> send(phases, key, payload);
            case Topics.AUDIT -> send(audit, key, payload);
            default -> Uni.createFrom().failure(new IllegalArgumentException("no channel for topic " + topic));
        };
    }

    private static Uni<Void> send(MutinyEmitter<String> emitter, String key, String payload) {
        return emitter.sendMessage(Message.of(payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(key)
                        .build()));
    }
}
