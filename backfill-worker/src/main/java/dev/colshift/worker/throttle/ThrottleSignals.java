package dev.colshift.worker.throttle;

import java.util.List;
import java.util.Optional;

/**
 * What the throttle decides from, collected elsewhere ({@link ThrottleSignalsReader}, {@link PauseRequests}): every
 * replica's lag, application sessions waiting on colshift's locks, and a pause request with its reason.
 */
public record ThrottleSignals(List<ReplicaLag> replicas, List<LockWait> applicationWaits, Optional<String> pause) {
    public static final ThrottleSignals CALM = new ThrottleSignals(List.of(), List.of(), Optional.empty());

    public ThrottleSignals {
        replicas = List.copyOf(replicas);
        applicationWaits = List.copyOf(applicationWaits);
    }

    public ThrottleSignals withPause(Optional<String> reason) {
        return new ThrottleSignals(replicas, applicationWaits, reason);
    }
}
