package dev.colshift.planner;

import dev.colshift.schemas.Phase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The planner's view of all migrations for {@code /q/metrics}, read from the ledger (so every planner instance says
 * the same): {@code colshift_migrations{phase}} and, for unfinished migrations only (a bounded set),
 * {@code colshift_migration_progress_ratio{migration}} from 0 to 1.
 */
@ApplicationScoped
public class PlannerMetrics {
    private static final String BY_PHASE = "SELECT phase, count(*) AS n FROM colshift.migrations GROUP BY phase";
    private static final String UNFINISHED = """
            SELECT m.id, m.phase, m.batches_total,
                   (SELECT count(*) FROM colshift.batches b WHERE b.migration_id = m.id) AS done
            FROM colshift.migrations m
            WHERE m.phase NOT IN ('COMPLETED', 'FAILED', 'CANCELLED', 'ROLLED_BACK', 'REJECTED')""";

    private final Pool pool;
    private final MultiGauge migrations;
    private final MultiGauge progress;

    public PlannerMetrics(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        this.migrations = MultiGauge.builder("colshift.migrations")
                .description("migrations in the ledger by phase")
                .register(registry);
        this.progress = MultiGauge.builder("colshift.migration.progress.ratio")
                .description("share of an unfinished migration's ranges done (1 once its backfill is over)")
                .register(registry);
    }

    @Scheduled(every = "5s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return pool.query(BY_PHASE)
                .execute()
                .invoke(rows -> {
                    Map<Phase, Long> counts = new EnumMap<>(Phase.class);
                    for (Phase phase : Phase.values()) {
                        if (phase.applicationMay() == null || phase == Phase.COMPLETED) {
                            counts.put(phase, 0L);
                        }
                    }
                    for (Row r : rows) {
                        Phase phase = Phase.recorded(r.getString("phase"));
                        if (phase != null) {
                            counts.put(phase, r.getLong("n"));
                        }
                    }
                    List<MultiGauge.Row<?>> series = new ArrayList<>();
                    counts.forEach((phase, n) -> series.add(MultiGauge.Row.of(Tags.of("phase", phase.name()), n)));
                    migrations.register(series, true);
                })
                .chain(() -> pool.query(UNFINISHED).execute())
                .invoke(rows -> {
                    List<MultiGauge.Row<?>> series = new ArrayList<>();
                    for (Row r : rows) {
                        series.add(MultiGauge.Row.of(Tags.of("migration", r.getString("id")), ratio(r)));
                    }
                    progress.register(series, true);
                })
                .replaceWithVoid()
                .onFailure()
                .recoverWithNull(); // the ledger may not exist yet at start-up
    }

    private static double ratio(Row r) {
        Phase phase = Phase.recorded(r.getString("phase"));
        Long total = r.getLong("batches_total");
        if (phase == Phase.CONTRACTING || phase == Phase.VERIFYING) {
            return 1;
        }
        if (total == null || total == 0) {
            return 0;
        }
        return Math.min(1.0, r.getLong("done") / (double) total);
    }
}
