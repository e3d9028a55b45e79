package dev.colshift.worker;

import dev.colshift.schemas.BackfillBatch;
import dev.colshift.schemas.BackfillProgress;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.InvalidEventException;
import dev.colshift.schemas.KeyRange;
import dev.colshift.schemas.PgErrorClass;
import dev.colshift.worker.throttle.Throttle;
import dev.colshift.worker.throttle.ThrottleKind;
import dev.colshift.worker.throttle.ThrottleState;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes backfill ranges. Before each attempt the {@link Throttle} may hold the range back (replica lag, the
 * application waiting on colshift, a pause). A range blocked by the application's locks waits as long as it takes; a
 * keyset range that runs into {@code statement_timeout} goes on in smaller pieces ({@link RangeSplit}); other passing
 * errors are retried a bounded number of times ({@link RangeRetry}); a message that can never succeed
 * (invalid, unknown migration, a range the plan does not have, an UPDATE PostgreSQL refuses, retries spent) fails, and
 * the connector's dead-letter strategy forwards it to the DLQ topic with the reason.
 */
@ApplicationScoped
public class BatchListener {
    private static final Logger LOG = Logger.getLogger(BatchListener.class);

    private final BackfillTargets targets;
    private final RangeBackfiller backfiller;
    private final MutinyEmitter<String> progress;
    private final BackfillMetrics metrics;
    private final Throttle throttle;
    private final ThrottleState throttleState;
    private final LockBlockers blockers;
    private final RangeRetry retry;
    private final String workerId;
    /** The ranges in flight (each by its attempts) that wait for the application's locks now. */
    private final Set<Attempts> blockedRanges = new HashSet<>();

    public BatchListener(
            BackfillTargets targets,
            RangeBackfiller backfiller,
            @Channel("progress-out") MutinyEmitter<String> progress,
            WorkerConfig config,
            BackfillMetrics metrics,
            Throttle throttle,
            ThrottleState throttleState,
            LockBlockers blockers) {
        this.metrics = metrics;
        this.targets = targets;
        this.backfiller = backfiller;
        this.progress = progress;
        this.throttle = throttle;
        this.throttleState = throttleState;
        this.blockers = blockers;
        this.retry = new RangeRetry(config.maxAttempts(), config.firstBackoff(), config.maxBackoff());
        this.workerId = config.id().orElseGet(BatchListener::defaultWorkerId);
    }

    @Incoming("batches-in")
    public Uni<Void> onBatch(String json) {
        BackfillBatch batch;
        try {
            batch = EventCodec.decode(json, BackfillBatch.class);
        } catch (InvalidEventException e) {
            metrics.deadLettered("invalid");
            return Uni.createFrom().failure(new PoisonBatchException(e.getMessage()));
        }
        return targets.find(batch.migrationId())
                .chain(target -> target == null
                        ? Uni.createFrom().item((Resolved) null)
                        : targets.storedRange(target, batch.rangeId()).map(stored -> new Resolved(target, stored)))
                .onFailure(e -> classify(e).retryable())
                .retry()
                .withBackOff(retry.firstBackoff(), retry.maxBackoff())
                .atMost(Math.max(0, retry.maxAttempts() - 1L))
                .onFailure()
                .transform(e -> new PoisonBatchException(
                        "cannot read migration " + batch.migrationId() + " from the ledger: " + e.getMessage(),
                        classify(e).tag()))
                .chain(resolved -> {
                    if (resolved == null) {
                        return Uni.createFrom()
                                .failure(new PoisonBatchException("unknown migration " + batch.migrationId()));
                    }
                    BackfillTarget target = resolved.target();
                    String problem = target.rangeProblem(batch, resolved.stored());
                    if (problem != null) {
                        return Uni.createFrom().failure(new PoisonBatchException(problem));
                    }
                    if (!target.rangesMayRun()) {
                        LOG.infof(
                                "migration %s is %s: range %d skipped",
                                batch.migrationId(), target.phase(), batch.rangeId());
                        return Uni.createFrom().voidItem();
                    }
                    RangeToFill range =
                            target.keysetRanges() ? RangeToFill.keyset(resolved.stored()) : RangeToFill.integer(batch);
                    return backfillWithRetries(target, range, batch);
                })
                .onFailure(PoisonBatchException.class)
                .invoke(e -> metrics.deadLettered(((PoisonBatchException) e).kind()));
    }

    /** The migration a message names and the stored range with the message's range id (null: none, or integer). */
    private record Resolved(BackfillTarget target, KeyRange stored) {}

    /** How often one range was tried, and why it failed; one per range in flight (compared by identity). */
    private static final class Attempts {
        int total;
        int lockWaits;
        int otherFailures;
        /** Rows per piece once the range has been split; 0: the whole range in one transaction. */
        int pieceRows;
        /** Rows of what runs now: the whole range (as planned) or the piece. */
        int runningRows;
    }

    private Uni<Void> backfillWithRetries(BackfillTarget target, RangeToFill range, BackfillBatch batch) {
        Attempts attempts = new Attempts();
        long started = System.nanoTime();
        return Uni.createFrom()
                .deferred(() ->
                        throttle.clearance(batch.migrationId()).chain(() -> attempt(target, range, batch, attempts)))
                .onFailure()
                .retry()
                .when(failures -> failures.onItem()
                        .transformToUniAndConcatenate(failure -> afterFailure(failure, target, range, batch, attempts)))
                .onFailure(MigrationMovedOn.class)
                .recoverWithNull()
                .eventually(() -> unblocked(attempts))
                .chain(rows -> {
                    if (rows == null) {
                        return Uni.createFrom().voidItem();
                    }
                    Duration took = Duration.ofNanos(System.nanoTime() - started);
                    metrics.recordRange(rows, took);
                    return publish(BackfillProgress.of(
                            batch.migrationId(),
                            batch.rangeId(),
                            Math.max(rows, 0),
                            took.toMillis(),
                            attempts.total,
                            workerId,
                            rows < 0));
                });
    }

    private Uni<Long> attempt(BackfillTarget target, RangeToFill range, BackfillBatch batch, Attempts attempts) {
        long started = System.nanoTime();
        Uni<Long> filled;
        if (attempts.pieceRows > 0) {
            filled = backfiller.backfillInPieces(
                    target,
                    batch.migrationId(),
                    range,
                    attempts.pieceRows,
                    workerId,
                    ++attempts.total,
                    () -> throttle.clearance(batch.migrationId()),
                    rows -> attempts.runningRows = rows);
        } else {
            attempts.runningRows = target.rangeRows();
            filled = backfiller.backfill(target, batch.migrationId(), range, workerId, ++attempts.total);
        }
        return filled.invoke(rows -> {
            if (rows >= 0) { // a range the ledger already had ran no UPDATE
                metrics.recordBatch(Duration.ofNanos(System.nanoTime() - started));
            }
        });
    }

    /** Emits after the wait before the next attempt, or fails to end the range's attempts. */
    private Uni<Boolean> afterFailure(
            Throwable failure, BackfillTarget target, RangeToFill range, BackfillBatch batch, Attempts attempts) {
        if (failure instanceof PoisonBatchException || failure instanceof MigrationMovedOn) {
            return Uni.createFrom().failure(failure);
        }
        if (failure instanceof RangeAlreadySplit) { // go on in pieces at once, as if the whole range had timed out
            attempts.pieceRows = RangeSplit.pieceRowsAfter(target.rangeRows()).orElse(1);
            return Uni.createFrom().item(true);
        }
        PgErrorClass errorClass = classify(failure);
        if (errorClass == PgErrorClass.CANCELLED_BY_TIMEOUT && range.keys() != null && target.keysetRanges()) {
            return split(failure, batch, attempts);
        }
        if (errorClass == PgErrorClass.LOCK_BUSY) {
            attempts.lockWaits++;
        } else {
            attempts.otherFailures++;
        }
        Optional<Duration> backoff = retry.backoff(errorClass, attempts.lockWaits, attempts.otherFailures);
        if (backoff.isEmpty()) {
            return Uni.createFrom()
                    .failure(new PoisonBatchException(
                            giveUpReason(failure, errorClass, batch, attempts), errorClass.tag()));
        }
        metrics.retried(errorClass);
        Duration wait = jittered(backoff.get());
        Uni<Void> announce = errorClass == PgErrorClass.LOCK_BUSY
                ? blockers.describe(batch.migrationId(), batch.rangeId())
                        .invoke(reason -> blocked(attempts, batch, reason))
                        .replaceWithVoid()
                : Uni.createFrom()
                        .voidItem()
                        .invoke(() -> LOG.infof(
                                "range %d of %s: attempt %d failed (%s): %s; retrying in %d ms",
                                batch.rangeId(),
                                batch.migrationId(),
                                attempts.total,
                                errorClass.tag(),
                                failure.getMessage(),
                                wait.toMillis()));
        return announce.onItem()
                .delayIt()
                .by(wait)
                .invoke(() -> {
                    if (errorClass == PgErrorClass.LOCK_BUSY) {
                        throttleState.waited(ThrottleKind.BLOCKED_BY_APPLICATION, wait);
                    }
                })
                .chain(() -> stillBackfilling(batch));
    }

    /** With ranges in flight (colshift.worker.ranges-in-flight), the state ends when no range waits any more. */
    private void blocked(Attempts range, BackfillBatch batch, String reason) {
        synchronized (blockedRanges) {
            blockedRanges.add(range);
            throttleState.enter(ThrottleKind.BLOCKED_BY_APPLICATION, reason, batch.migrationId());
        }
    }

    private void unblocked(Attempts range) {
        synchronized (blockedRanges) {
            if (blockedRanges.remove(range) && blockedRanges.isEmpty()) {
                throttleState.leave(ThrottleKind.BLOCKED_BY_APPLICATION);
            }
        }
    }

    /** The range, or its piece, ran into statement_timeout: go on in pieces half the size, at once. */
    private Uni<Boolean> split(Throwable failure, BackfillBatch batch, Attempts attempts) {
        OptionalInt pieceRows = RangeSplit.pieceRowsAfter(attempts.runningRows);
        if (pieceRows.isEmpty()) {
            return Uni.createFrom()
                    .failure(new PoisonBatchException(
                            giveUpReason(failure, PgErrorClass.CANCELLED_BY_TIMEOUT, batch, attempts)
                                    + " (a piece of one row was cancelled: the expression is slower than the"
                                    + " statement timeout, or an operator cancelled it)",
                            PgErrorClass.CANCELLED_BY_TIMEOUT.tag()));
        }
        attempts.pieceRows = pieceRows.getAsInt();
        metrics.split();
        LOG.infof(
                "range %d of %s ran into the statement timeout (%s): filling it in pieces of about %d row(s)",
                batch.rangeId(), batch.migrationId(), failure.getMessage(), attempts.pieceRows);
        return stillBackfilling(batch);
    }

    /** A migration that was paused, cancelled, failed or removed meanwhile takes no more attempts. */
    private Uni<Boolean> stillBackfilling(BackfillBatch batch) {
        return targets.find(batch.migrationId())
                .map(target -> {
                    if (target == null || !target.rangesMayRun()) {
                        throw new MigrationMovedOn();
                    }
                    return true;
                })
                .onFailure(e -> !(e instanceof MigrationMovedOn))
                .recoverWithItem(true); // cannot look now: the next attempt will tell
    }

    private static String giveUpReason(
            Throwable failure, PgErrorClass errorClass, BackfillBatch batch, Attempts attempts) {
        String state = failure instanceof PgException pg ? " " + pg.getSqlState() : "";
        return "range " + batch.rangeId() + " failed after " + attempts.total + " attempt(s) (" + errorClass.tag()
                + state + "): " + failure.getMessage();
    }

    /** Between half and all of the backoff, so workers blocked together do not retry together. */
    private static Duration jittered(Duration backoff) {
        long millis = backoff.toMillis();
        return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
    }

    /** A failure without a SQLSTATE is a connection that went before PostgreSQL answered. */
    static PgErrorClass classify(Throwable failure) {
        return PgErrorClass.classify(failure instanceof PgException pg ? pg.getSqlState() : null);
    }

    private Uni<Void> publish(BackfillProgress event) {
        return progress.sendMessage(Message.of(EventCodec.encode(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(event.migrationId())
                        .build()));
    }

    static String defaultWorkerId() {
        try {
            return InetAddress.getLocalHost().getHostName() + "-"
                    + ProcessHandle.current().pid();
        } catch (UnknownHostException e) {
            return "worker-" + ProcessHandle.current().pid();
        }
    }
}
