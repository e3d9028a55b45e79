package dev.colshift.planner.kafka;

import dev.colshift.planner.MigrationDriver;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.InvalidEventException;
import dev.colshift.schemas.Phase;
import dev.colshift.schemas.PhaseChanged;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Hands the verifier's VERIFIED / VERIFICATION_FAILED events to the driver, which finishes the migration. */
@ApplicationScoped
public class VerificationListener {
    private static final Logger LOG = Logger.getLogger(VerificationListener.class);

    private final MigrationDriver driver;

    public VerificationListener(MigrationDriver driver) {
        this.driver = driver;
    }

    @Incoming("phases-in")
    public Uni<Void> onPhase(String json) {
        PhaseChanged event;
        try {
            event = EventCodec.decode(json, PhaseChanged.class);
        } catch (InvalidEventException e) {
            LOG.warnf("ignoring invalid phase event: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (event.phase() == Phase.VERIFIED || event.phase() == Phase.VERIFICATION_FAILED) {
            return driver.finishVerification(event);
        }
        return Uni.createFrom().voidItem();
    }
}
