package dev.colshift.verifier.kafka;

import dev.colshift.schemas.Event;
import dev.colshift.schemas.EventCodec;
import dev.colshift.verifier.Verdict;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes a verdict: the audit record on {@code colshift.audit}, then VERIFIED or VERIFICATION_FAILED on
 * {@code colshift.migration-phases}, both keyed by migration id. Completes when the broker has acknowledged both.
 */
@ApplicationScoped
public class VerdictPublisher {
    private final MutinyEmitter<String> audit;
    private final MutinyEmitter<String> phases;

    public VerdictPublisher(
            @Channel("audit-out") MutinyEmitter<String> audit, @Channel("phases-out") MutinyEmitter<String> phases) {
        this.audit = audit;
        this.phases = phases;
    }

    public Uni<Void> publish(Verdict verdict) {
        return send(audit, verdict.auditRecord()).chain(() -> send(phases, verdict.phaseChanged()));
    }

    private static Uni<Void> send(MutinyEmitter<String> emitter, Event event) {
        return emitter.sendMessage(Message.of(EventCodec.encode(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(event.migrationId())
                        .build()));
    }
}
