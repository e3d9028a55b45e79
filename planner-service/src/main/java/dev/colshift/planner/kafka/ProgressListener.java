package dev.colshift.planner.kafka;

import dev.colshift.planner.MigrationDriver;
import dev.colshift.schemas.BackfillProgress;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.InvalidEventException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Wakes the driver when a worker reports a range. The batch ledger, not this event, is the record of what is done,
 * so a lost or repeated progress event changes nothing.
 */
@ApplicationScoped
public class ProgressListener {
    private static final Logger LOG = Logger.getLogger(ProgressListener.class);

    private final MigrationDriver driver;

    public ProgressListener(MigrationDriver driver) {
        this.driver = driver;
    }

    @Incoming("progress-in")
    public Uni<Void> onProgress(String json) {
        try {
            BackfillProgress progress = EventCodec.decode(json, BackfillProgress.class);
            driver.wake(progress.migrationId());
        } catch (InvalidEventException e) {
            LOG.warnf("ignoring invalid progress event: %s", e.getMessage());
        }
        return Uni.createFrom().voidItem();
    }
}
