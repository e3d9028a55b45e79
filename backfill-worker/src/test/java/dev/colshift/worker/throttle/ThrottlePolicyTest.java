package dev.colshift.worker.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Signals in, decision out: one row per situation the throttle must tell apart. */
class ThrottlePolicyTest {
    private static final ThrottleLimits LIMITS =
            new ThrottleLimits(1_000_000, Duration.ofSeconds(10), Duration.ofMillis(500), Duration.ofSeconds(1));
    private static final ThrottleLimits BUDGETED = new ThrottleLimits(
            1_000_000,
            Duration.ofSeconds(10),
            Duration.ofMillis(500),
            Optional.of(Duration.ofMillis(500)),
            Duration.ofSeconds(1));

    private static Optional<SlowStatement> slow(int pid, String applicationName, long millis) {
        return Optional.of(new SlowStatement(pid, applicationName, Duration.ofMillis(millis)));
    }

    private static ReplicaLag replica(String name, long bytes, long lagMillis) {
        return new ReplicaLag(name, bytes, Duration.ofMillis(lagMillis));
    }

    private static LockWait appWait(int pid, int holder, long millis) {
        return new LockWait(pid, holder, Duration.ofMillis(millis));
    }

    private static ThrottleSignals signals(List<ReplicaLag> replicas, List<LockWait> waits, String pause) {
        return new ThrottleSignals(replicas, waits, Optional.ofNullable(pause));
    }

    static Stream<Arguments> situations() {
        return Stream.of(
                Arguments.of("nothing to report", ThrottleSignals.CALM, null, "", LIMITS),
                Arguments.of(
                        "replicas within both limits",
                        signals(List.of(replica("a", 1_000_000, 10_000), replica("b", 0, 0)), List.of(), null),
                        null,
                        "",
                        LIMITS),
                Arguments.of(
                        "one replica over the byte limit, named with its numbers",
                        signals(List.of(replica("a", 10, 0), replica("b", 8_000_000, 75)), List.of(), null),
                        ThrottleKind.REPLICA_LAG,
                        "replica b is 8000000 bytes / 75 ms behind; limits 1000000 bytes / 10000 ms",
                        LIMITS),
                Arguments.of(
                        "a replica over the time limit with few bytes",
                        signals(List.of(replica("a", 10, 12_000)), List.of(), null),
                        ThrottleKind.REPLICA_LAG,
                        "replica a is 10 bytes / 12000 ms behind; limits 1000000 bytes / 10000 ms",
                        LIMITS),
                Arguments.of(
                        "the worst of two lagging replicas",
                        signals(List.of(replica("a", 2_000_000, 0), replica("b", 3_000_000, 0)), List.of(), null),
                        ThrottleKind.REPLICA_LAG,
                        "replica b is 3000000 bytes / 0 ms behind; limits 1000000 bytes / 10000 ms",
                        LIMITS),
                Arguments.of(
                        "an application session briefly waiting on us is fine",
                        signals(List.of(), List.of(appWait(7, 9, 500)), null),
                        null,
                        "",
                        LIMITS),
                Arguments.of(
                        "application sessions waiting too long on us: the longest named",
                        signals(List.of(), List.of(appWait(7, 9, 600), appWait(8, 9, 900), appWait(5, 9, 20)), null),
                        ThrottleKind.APPLICATION_LOCK_WAIT,
                        "application session pid 8 has waited 900 ms for a lock held by colshift pid 9"
                                + " (and 2 more waiting); limit 500 ms",
                        LIMITS),
                Arguments.of(
                        "the application's waits come before replica lag",
                        signals(List.of(replica("a", 5_000_000, 0)), List.of(appWait(8, 9, 900)), null),
                        ThrottleKind.APPLICATION_LOCK_WAIT,
                        "application session pid 8 has waited 900 ms for a lock held by colshift pid 9; limit 500 ms",
                        LIMITS),
                Arguments.of(
                        "a slow application statement without a budget is not ours to judge",
                        new ThrottleSignals(List.of(), List.of(), slow(41, "shop", 5_000), Optional.empty()),
                        null,
                        "",
                        LIMITS),
                Arguments.of(
                        "a slow application statement over the budget, named",
                        new ThrottleSignals(List.of(), List.of(), slow(41, "shop", 900), Optional.empty()),
                        ThrottleKind.APPLICATION_LATENCY,
                        "application session pid 41 (shop) has a statement running for 900 ms; latency budget 500 ms",
                        BUDGETED),
                Arguments.of(
                        "within the budget",
                        new ThrottleSignals(List.of(), List.of(), slow(41, "shop", 400), Optional.empty()),
                        null,
                        "",
                        BUDGETED),
                Arguments.of(
                        "the application's waits on us come before its latency",
                        new ThrottleSignals(
                                List.of(), List.of(appWait(8, 9, 900)), slow(41, "", 900), Optional.empty()),
                        ThrottleKind.APPLICATION_LOCK_WAIT,
                        "application session pid 8 has waited 900 ms for a lock held by colshift pid 9; limit 500 ms",
                        BUDGETED),
                Arguments.of(
                        "its latency comes before replica lag",
                        new ThrottleSignals(
                                List.of(replica("a", 5_000_000, 0)), List.of(), slow(41, "", 900), Optional.empty()),
                        ThrottleKind.APPLICATION_LATENCY,
                        "application session pid 41 has a statement running for 900 ms; latency budget 500 ms",
                        BUDGETED),
                Arguments.of(
                        "a pause comes before everything",
                        signals(List.of(replica("a", 5_000_000, 0)), List.of(appWait(8, 9, 900)), "by alice"),
                        ThrottleKind.PAUSED,
                        "paused: by alice",
                        LIMITS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("situations")
    void decides(String situation, ThrottleSignals signals, ThrottleKind kind, String reason, ThrottleLimits limits) {
        ThrottleDecision decision = new ThrottlePolicy(limits).decide(signals);
        assertEquals(kind, decision.kind(), situation);
        assertEquals(reason, decision.reason(), situation);
        assertEquals(kind == null ? Duration.ZERO : LIMITS.recheck(), decision.delay(), situation);
    }
}
