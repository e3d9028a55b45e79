package dev.colshift.worker.throttle;

import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;

/**
 * Decides, from signals others collect, whether a worker may start its next range, and if not, why. Pure: plain
 * values in, a {@link ThrottleDecision} out. A pause comes first, then the application's own sessions waiting on
 * colshift, then the application's latency budget, then the replicas; the reason names the worst offender with its
 * numbers.
 */
public final class ThrottlePolicy {
    private final ThrottleLimits limits;

    public ThrottlePolicy(ThrottleLimits limits) {
        this.limits = limits;
    }

    public ThrottleDecision decide(ThrottleSignals signals) {
        if (signals.pause().isPresent()) {
            return wait("paused: " + signals.pause().get(), ThrottleKind.PAUSED);
        }
        Optional<LockWait> longestWait = signals.applicationWaits().stream()
                .filter(w -> w.waiting().compareTo(limits.maxApplicationLockWait()) > 0)
                .max(Comparator.comparing(LockWait::waiting));
        if (longestWait.isPresent()) {
            LockWait w = longestWait.get();
            long others = signals.applicationWaits().size() - 1L;
            return wait(
                    "application session pid " + w.waitingPid() + " has waited " + millis(w.waiting())
                            + " for a lock held by colshift pid " + w.holderPid()
                            + (others > 0 ? " (and " + others + " more waiting)" : "")
                            + "; limit " + millis(limits.maxApplicationLockWait()),
                    ThrottleKind.APPLICATION_LOCK_WAIT);
        }
        Optional<Duration> budget = limits.applicationLatencyBudget();
        Optional<SlowStatement> slowest = signals.slowestApplicationStatement();
        if (budget.isPresent() && slowest.isPresent() && slowest.get().running().compareTo(budget.get()) > 0) {
            SlowStatement s = slowest.get();
            return wait(
                    "application session pid " + s.pid()
                            + (s.applicationName() == null
                                            || s.applicationName().isEmpty()
                                    ? ""
                                    : " (" + s.applicationName() + ")")
                            + " has a statement running for " + millis(s.running()) + "; latency budget "
                            + millis(budget.get()),
                    ThrottleKind.APPLICATION_LATENCY);
        }
        Optional<ReplicaLag> worstLag = signals.replicas().stream()
                .filter(this::tooFarBehind)
                .max(Comparator.comparingLong(ReplicaLag::lagBytes).thenComparing(ReplicaLag::replayLag));
        if (worstLag.isPresent()) {
            ReplicaLag r = worstLag.get();
            return wait(
                    "replica " + r.replica() + " is " + r.lagBytes() + " bytes / " + millis(r.replayLag())
                            + " behind; limits " + limits.maxReplicaLagBytes() + " bytes / "
                            + millis(limits.maxReplicaLag()),
                    ThrottleKind.REPLICA_LAG);
        }
        return ThrottleDecision.GO;
    }

    private boolean tooFarBehind(ReplicaLag replica) {
        return replica.lagBytes() > limits.maxReplicaLagBytes()
                || replica.replayLag().compareTo(limits.maxReplicaLag()) > 0;
    }

    private ThrottleDecision wait(String reason, ThrottleKind kind) {
        return new ThrottleDecision(limits.recheck(), reason, kind);
    }

    static String millis(Duration d) {
        return d.toMillis() + " ms";
    }
}
