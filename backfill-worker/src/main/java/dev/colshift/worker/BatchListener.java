package dev.colshift.worker;

import dev.colshift.schemas.BackfillBatch;
import dev.colshift.schemas.BackfillProgress;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.InvalidEventException;
import dev.colshift.schemas.Phase;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes backfill ranges. Transient database errors are retried here with backoff; a message that can never
 * succeed (invalid, unknown migration, a range the plan does not have, an UPDATE PostgreSQL refuses) fails, and the
 * connector's dead-letter strategy forwards it to the DLQ topic with the reason.
 */
@ApplicationScoped
public class BatchListener {
    private static final Logger LOG = Logger.getLogger(BatchListener.class);
    /** lock_not_available, deadlock_detected, serialization_failure, query_canceled (statement timeout), admin shutdown. */
    private static final Set<String> TRANSIENT = Set.of("55P03", "40P01", "40001", "57014", "57P01");

    private final BackfillTargets targets;
    private final RangeBackfiller backfiller;
    private final MutinyEmitter<String> progress;
    private final WorkerConfig config;
    private final BackfillMetrics metrics;
    private final String workerId;

    public BatchListener(
            BackfillTargets targets,
            RangeBackfiller backfiller,
            @Channel("progress-out") MutinyEmitter<String> progress,
            WorkerConfig config,
            BackfillMetrics metrics) {
        this.metrics = metrics;
        this.targets = targets;
        this.backfiller = backfiller;
        this.progress = progress;
        this.config = config;
        this.workerId = config.id().orElseGet(BatchListener::defaultWorkerId);
    }

    @Incoming("batches-in")
    public Uni<Void> onBatch(String json) {
        BackfillBatch batch;
        try {
            batch = EventCodec.decode(json, BackfillBatch.class);
        } catch (InvalidEventException e) {
            return Uni.createFrom().failure(new PoisonBatchException(e.getMessage()));
        }
        return targets.find(batch.migrationId()).chain(target -> {
            if (target == null) {
                return Uni.createFrom().failure(new PoisonBatchException("unknown migration " + batch.migrationId()));
            }
            String problem = target.rangeProblem(batch.rangeId(), batch.lowerBound(), batch.upperBound());
            if (problem != null) {
                return Uni.createFrom().failure(new PoisonBatchException(problem));
            }
            // only a backfilling migration takes ranges; a paused one gets them published again on resume
            if (Phase.valueOf(target.phase()) != Phase.BACKFILLING) {
                LOG.infof("migration %s is %s: range %d skipped", batch.migrationId(), target.phase(), batch.rangeId());
                return Uni.createFrom().voidItem();
            }
            return backfillWithRetries(target, batch);
        });
    }

    private Uni<Void> backfillWithRetries(BackfillTarget target, BackfillBatch batch) {
        AtomicInteger attempt = new AtomicInteger();
        long started = System.nanoTime();
        return Uni.createFrom()
                .deferred(() -> backfiller.backfill(target, batch, workerId, attempt.incrementAndGet()))
                .onFailure(BatchListener::isTransient)
                .retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
                .withJitter(0.5)
                .atMost(config.maxAttempts() - 1L)
                .onFailure(PgException.class)
                .transform(e -> new PoisonBatchException("range " + batch.rangeId() + " failed after " + attempt.get()
                        + " attempt(s): " + e.getMessage()))
                .invoke(rows -> metrics.recordRange(rows, Duration.ofNanos(System.nanoTime() - started)))
                .chain(rows -> publish(BackfillProgress.of(
                        batch.migrationId(),
                        batch.rangeId(),
                        Math.max(rows, 0),
                        (System.nanoTime() - started) / 1_000_000,
                        attempt.get(),
                        workerId,
                        rows < 0)));
    }

    private Uni<Void> publish(BackfillProgress event) {
        return progress.sendMessage(Message.of(EventCodec.encode(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(event.migrationId())
                        .build()));
    }

    static boolean isTransient(Throwable failure) {
        return failure instanceof PgException pg
                ? TRANSIENT.contains(pg.getSqlState())
                : !(failure instanceof PoisonBatchException);
    }

    private static String defaultWorkerId() {
        try {
            return InetAddress.getLocalHost().getHostName() + "-"
                    + ProcessHandle.current().pid();
        } catch (UnknownHostException e) {
            return "worker-" + ProcessHandle.current().pid();
        }
    }
}
