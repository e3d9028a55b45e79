package dev.colshift.planner.kafka;

import dev.colshift.planner.MigrationDriver;
import dev.colshift.schemas.BackfillBatch;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.InvalidEventException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads the workers' dead-letter topic: a planned range that can never be backfilled (PostgreSQL refuses the
 * UPDATE) fails its migration with the reason, instead of leaving it in BACKFILLING for ever.
 */
@ApplicationScoped
public class DeadLetterListener {
    private static final Logger LOG = Logger.getLogger(DeadLetterListener.class);
    /** Set by SmallRye's dead-letter-queue failure strategy. */
    static final String REASON_HEADER = "dead-letter-reason";

    private final MigrationDriver driver;

    public DeadLetterListener(MigrationDriver driver) {
        this.driver = driver;
    }

    @Incoming("dead-letters-in")
    public Uni<Void> onDeadLetter(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader(REASON_HEADER);
        String reason = header == null ? "no reason given" : new String(header.value(), StandardCharsets.UTF_8);
        try {
            return driver.onDeadRange(EventCodec.decode(record.value(), BackfillBatch.class), record.value(), reason);
        } catch (InvalidEventException e) {
            LOG.infof("dead letter that is not a batch (%s): %s", e.getMessage(), reason);
            return Uni.createFrom().voidItem();
        }
    }
}
