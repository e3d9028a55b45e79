package dev.colshift.verifier.kafka;

import dev.colshift.schemas.AuditRecord;
import dev.colshift.schemas.Event;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.PhaseChanged;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes a verdict: its audit records on {@code colshift.audit}, in order, then (for a verification the planner
 * asked for) VERIFIED or VERIFICATION_FAILED on {@code colshift.migration-phases}, all keyed by migration id.
 * Completes when the broker has acknowledged every one.
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

    public Uni<Void> publishAudit(List<AuditRecord> records) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (AuditRecord record : records) {
            chain = chain.chain(() -> send(audit, record));
        }
        return chain;
    }

    public Uni<Void> publishPhase(PhaseChanged event) {
        return send(phases, event);
    }

    private static Uni<Void> send(MutinyEmitter<String> emitter, Event event) {
        return emitter.sendMessage(Message.of(EventCodec.encode(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(event.migrationId())
                        .build()));
    }
}
