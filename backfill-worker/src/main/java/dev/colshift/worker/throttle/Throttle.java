package dev.colshift.worker.throttle;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Consulted before a range starts: reads the signals (reused while younger than {@code signals-max-age}), asks the
 * {@link ThrottlePolicy}, and waits and asks again for as long as it says so. Signals that cannot be read do not stop
 * the backfill: the range's own lock and statement timeouts still protect the application.
 */
@ApplicationScoped
public class Throttle {
    private static final Logger LOG = Logger.getLogger(Throttle.class);

    private record Sample(ThrottleSignals signals, long readAtNanos) {}

    private final ThrottleSignalsReader reader;
    private final PauseRequests pauses;
    private final ThrottleState state;
    private final ThrottlePolicy policy;
    private final Duration maxAge;
    private final AtomicReference<Sample> last = new AtomicReference<>();

    public Throttle(ThrottleSignalsReader reader, PauseRequests pauses, ThrottleState state, ThrottleConfig config) {
        this.reader = reader;
        this.pauses = pauses;
        this.state = state;
        this.policy = new ThrottlePolicy(ThrottleLimits.of(config));
        this.maxAge = config.signalsMaxAge();
    }

    /** Completes when migration {@code migrationId} may start its next range. */
    public Uni<Void> clearance(String migrationId) {
        return Uni.createFrom()
                .deferred(() -> signals()
                        .map(signals -> policy.decide(signals.withPause(pauses.pauseReason(migrationId))))
                        .invoke(decision -> state.apply(decision, migrationId))
                        .chain(decision -> decision.throttled()
                                ? waitOut(decision)
                                : Uni.createFrom().voidItem()))
                .onFailure(StillThrottled.class)
                .retry()
                .indefinitely();
    }

    private Uni<Void> waitOut(ThrottleDecision decision) {
        return Uni.createFrom()
                .voidItem()
                .onItem()
                .delayIt()
                .by(decision.delay())
                .invoke(() -> state.waited(decision.kind(), decision.delay()))
                .chain(() -> Uni.createFrom().failure(new StillThrottled(decision)));
    }

    /** Not a failure: after the wait, makes the retry operator look again without nesting one wait in the next. */
    private static final class StillThrottled extends RuntimeException {
        StillThrottled(ThrottleDecision decision) {
            super(decision.reason(), null, false, false);
        }
    }

    private Uni<ThrottleSignals> signals() {
        Sample sample = last.get();
        if (sample != null && System.nanoTime() - sample.readAtNanos() < maxAge.toNanos()) {
            return Uni.createFrom().item(sample.signals());
        }
        return reader.read()
                .invoke(signals -> {
                    last.set(new Sample(signals, System.nanoTime()));
                    state.sawReplicas(signals.replicas());
                })
                .onFailure()
                .recoverWithItem(e -> {
                    LOG.warnf("cannot read throttle signals (%s); going on without them", e.getMessage());
                    return ThrottleSignals.CALM;
                });
    }
}
