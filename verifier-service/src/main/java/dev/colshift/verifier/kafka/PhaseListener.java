package dev.colshift.verifier.kafka;

import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.InvalidEventException;
import dev.colshift.schemas.Phase;
import dev.colshift.schemas.PhaseChanged;
import dev.colshift.verifier.Verifier;
import dev.colshift.verifier.WorkSpans;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Starts a verification for every VERIFYING phase event; other phases and invalid messages are skipped. A
 * verification that cannot finish is logged and dropped: the planner asks again when no verdict arrives.
 */
@ApplicationScoped
public class PhaseListener {
    private static final Logger LOG = Logger.getLogger(PhaseListener.class);

    private final Verifier verifier;
    private final WorkSpans spans;

    public PhaseListener(Verifier verifier, WorkSpans spans) {
        this.verifier = verifier;
        this.spans = spans;
    }

    @Incoming("phases-in")
    public Uni<Void> onPhase(String json) {
        PhaseChanged event;
        try {
            if (json == null) {
                throw new InvalidEventException("empty message");
            }
            event = EventCodec.decode(json, PhaseChanged.class);
        } catch (InvalidEventException e) {
            LOG.warnf("ignoring invalid phase event: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (event.phase() != Phase.VERIFYING) {
            return Uni.createFrom().voidItem();
        }
        // inside the consumer span of the VERIFYING event: the checks join the migration's trace
        return spans.around("verify", event.migrationId(), () -> verifier.verify(event.migrationId()))
                .replaceWithVoid()
                .onFailure()
                .recoverWithUni(e -> {
                    LOG.errorf(
                            e,
                            "migration %s: verification did not finish; waiting for the planner to ask again",
                            event.migrationId());
                    return Uni.createFrom().voidItem();
                });
    }
}
