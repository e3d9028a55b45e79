package dev.colshift.planner.kafka;

import dev.colshift.schemas.AuditRecord;
import dev.colshift.schemas.BackfillBatch;
import dev.colshift.schemas.Event;
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

/** Sends the planner's events; each Uni completes when the broker has acknowledged the record. */
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

    public Uni<Void> phase(PhaseChanged event) {
        return send(phases, event.migrationId(), event);
    }

    public Uni<Void> batch(BackfillBatch event) {
        return send(batches, Topics.batchKey(event.migrationId(), event.rangeId()), event);
    }

    public Uni<Void> audit(AuditRecord event) {
        return send(audit, event.migrationId(), event);
    }

    private static Uni<Void> send(MutinyEmitter<String> emitter, String key, Event event) {
        return emitter.sendMessage(Message.of(EventCodec.encode(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(key)
                        .build()));
    }
}
