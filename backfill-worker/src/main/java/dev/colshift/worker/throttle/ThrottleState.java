package dev.colshift.worker.throttle;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Whether this worker is holding back right now and why, for {@code /q/metrics}
 * ({@code colshift_backfill_throttled{reason}}, {@code colshift_backfill_throttle_seconds_total{reason}}, the replica
 * lag seen), the {@code /throttle} endpoint and the log: a line when a reason starts, every so often while it lasts,
 * and when it ends.
 */
@ApplicationScoped
public class ThrottleState {
    private static final Logger LOG = Logger.getLogger(ThrottleState.class);
    private static final Duration REPEAT_LOG = Duration.ofSeconds(10);

    /** One reason currently holding a range back; the migration whose range it holds, for reasons of one migration. */
    public record Active(ThrottleKind kind, String reason, Instant since, String migrationId) {}

    private final Map<ThrottleKind, Active> active = new ConcurrentHashMap<>();
    private final Map<ThrottleKind, Instant> lastLogged = new ConcurrentHashMap<>();
    private final Map<ThrottleKind, Counter> waited = new EnumMap<>(ThrottleKind.class);
    private final MultiGauge lagBytes;
    private final MultiGauge lagSeconds;

    public ThrottleState(MeterRegistry registry) {
        // A gauge keeps the state object it was first registered with; in the global registry a gauge of an earlier
        // application in the same JVM (tests restart Quarkus) would go on reading that one's state.
        registry.find("colshift.backfill.throttled").gauges().forEach(registry::remove);
        for (ThrottleKind kind : ThrottleKind.values()) {
            Gauge.builder("colshift.backfill.throttled", active, a -> a.containsKey(kind) ? 1 : 0)
                    .tag("reason", kind.tag())
                    .description("1 while this worker holds back a range for this reason")
                    .register(registry);
            waited.put(
                    kind,
                    Counter.builder("colshift.backfill.throttle.seconds")
                            .tag("reason", kind.tag())
                            .description("time ranges spent waiting for this reason")
                            .register(registry));
        }
        lagBytes = MultiGauge.builder("colshift.backfill.replica.lag.bytes")
                .description("WAL a replica has not replayed yet, as last seen")
                .register(registry);
        lagSeconds = MultiGauge.builder("colshift.backfill.replica.lag.seconds")
                .description("a replica's replay_lag, as last seen")
                .register(registry);
    }

    /**
     * Holds back for {@code reason}, met by a range of {@code migrationId}; logged when it starts or changes kind, and
     * every 10 s while it lasts.
     */
    public void enter(ThrottleKind kind, String reason, String migrationId) {
        Instant now = Instant.now();
        Active previous = active.get(kind);
        active.put(
                kind,
                new Active(
                        kind,
                        reason,
                        previous == null ? now : previous.since(),
                        kind.perMigration() ? migrationId : null));
        Instant logged = lastLogged.get(kind);
        if (previous == null || logged == null || logged.plus(REPEAT_LOG).isBefore(now)) {
            LOG.infof("throttled (%s): %s", kind.tag(), reason);
            lastLogged.put(kind, now);
        }
    }

    /** The reason no longer holds. */
    public void leave(ThrottleKind kind) {
        Active ended = active.remove(kind);
        if (ended != null) {
            LOG.infof(
                    "no longer throttled (%s) after %d ms",
                    kind.tag(), Duration.between(ended.since(), Instant.now()).toMillis());
        }
    }

    /**
     * The policy's latest word, asked for a range of {@code migrationId}: its reason becomes the active one, the
     * policy's other reasons end.
     */
    public void apply(ThrottleDecision decision, String migrationId) {
        for (ThrottleKind kind : ThrottleKind.values()) {
            if (kind != ThrottleKind.BLOCKED_BY_APPLICATION && kind != decision.kind()) {
                leave(kind);
            }
        }
        if (decision.throttled()) {
            enter(decision.kind(), decision.reason(), migrationId);
        }
    }

    public void waited(ThrottleKind kind, Duration wait) {
        waited.get(kind).increment(wait.toNanos() / 1e9);
    }

    public void sawReplicas(List<ReplicaLag> replicas) {
        lagBytes.register(
                replicas.stream()
                        .map(r -> MultiGauge.Row.of(Tags.of("replica", r.replica()), r.lagBytes()))
                        .toList(),
                true);
        lagSeconds.register(
                replicas.stream()
                        .map(r -> MultiGauge.Row.of(
                                Tags.of("replica", r.replica()), r.replayLag().toNanos() / 1e9))
                        .toList(),
                true);
    }

    /** The reasons holding ranges back now, oldest first. */
    public List<Active> current() {
        return active.values().stream()
                .sorted(java.util.Comparator.comparing(Active::since))
                .toList();
    }
}
