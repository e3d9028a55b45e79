package dev.colshift.worker;

import dev.colshift.worker.throttle.ThrottleState;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Tells the planner why this worker holds back: while a throttle reason is active, its oldest one is written to
 * {@code colshift.worker_throttle} every couple of seconds (so a row that stops being refreshed is a worker that
 * died); once nothing holds it back, the row goes. The planner shows it in {@code GET /migrations/{id}}.
 */
@ApplicationScoped
public class ThrottleReporter {
    private static final Logger LOG = Logger.getLogger(ThrottleReporter.class);
    static final Duration INTERVAL = Duration.ofSeconds(2);

    private final ThrottleState state;
    private final Pool pool;
    private final Vertx vertx;
    private final String workerId;
    private volatile boolean reported;
    private long timer = -1;

    public ThrottleReporter(ThrottleState state, Pool pool, Vertx vertx, WorkerConfig config) {
        this.state = state;
        this.pool = pool;
        this.vertx = vertx;
        this.workerId = config.id().orElseGet(BatchListener::defaultWorkerId);
    }

    void start(@Observes StartupEvent started) {
        timer = vertx.setPeriodic(
                INTERVAL.toMillis(),
                tick -> report().subscribe()
                        .with(ignored -> {}, e -> LOG.debugf("cannot report the throttle state (%s)", e.getMessage())));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (reported) {
            clear().await().atMost(Duration.ofSeconds(5));
        }
    }

    Uni<Void> report() {
        List<ThrottleState.Active> active = state.current();
        if (active.isEmpty()) {
            return reported ? clear() : Uni.createFrom().voidItem();
        }
        ThrottleState.Active oldest = active.get(0);
        return pool.preparedQuery("""
                        INSERT INTO colshift.worker_throttle (worker_id, migration_id, kind, reason, since)
                        VALUES ($1, $2, $3, $4, $5)
                        ON CONFLICT (worker_id) DO UPDATE SET migration_id = EXCLUDED.migration_id,
                          kind = EXCLUDED.kind, reason = EXCLUDED.reason, since = EXCLUDED.since,
                          seen_at = clock_timestamp()""")
                .execute(Tuple.of(
                        workerId,
                        oldest.migrationId(),
                        oldest.kind().tag(),
                        oldest.reason(),
                        oldest.since().atOffset(ZoneOffset.UTC)))
                .invoke(() -> reported = true)
                .replaceWithVoid();
    }

    private Uni<Void> clear() {
        return pool.preparedQuery("DELETE FROM colshift.worker_throttle WHERE worker_id = $1")
                .execute(Tuple.of(workerId))
                .invoke(() -> reported = false)
                .replaceWithVoid();
    }
}
