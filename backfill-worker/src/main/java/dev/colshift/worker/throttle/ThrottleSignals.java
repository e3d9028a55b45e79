package dev.colshift.worker.throttle;

import java.util.List;
import java.util.Optional;

/**
 * What the throttle decides from, collected elsewhere ({@link ThrottleSignalsReader}, {@link PauseRequests}): every
 * replica's lag, application sessions waiting on colshift's locks, the application's slowest statement running now
 * (read only when a latency budget is set), and a pause request with its reason.
 */
public record ThrottleSignals(
        List<ReplicaLag> replicas,
        List<LockWait> applicationWaits,
        Optional<SlowStatement> slowestApplicationStatement,
        Optional<String> pause) {
    public static final ThrottleSignals CALM =
            new ThrottleSignals(List.of(), List.of(), Optional.empty(), Optional.empty());

    public ThrottleSignals {
        replicas = List.copyOf(replicas);
        applicationWaits = List.copyOf(applicationWaits);
    }

    public ThrottleSignals(List<ReplicaLag> replicas, List<LockWait> applicationWaits, Optional<String> pause) {
        this(replicas, applicationWaits, Optional.empty(), pause);
    }

    public ThrottleSignals withPause(Optional<String> reason) {
        return new ThrottleSignals(replicas, applicationWaits, slowestApplicationStatement, reason);
    }
}
