package dev.colshift.worker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** What a worker reports at {@code /q/metrics}: rows written, ranges done or found already done, time per range. */
@ApplicationScoped
public class BackfillMetrics {
    private final Counter rows;
    private final Counter rangesDone;
    private final Counter rangesAlreadyDone;
    private final Timer rangeDuration;

    public BackfillMetrics(MeterRegistry registry) {
        rows = Counter.builder("colshift.backfill.rows")
                .description("rows the backfill wrote")
                .register(registry);
        rangesDone = Counter.builder("colshift.backfill.ranges")
                .tag("outcome", "done")
                .description("key ranges backfilled")
                .register(registry);
        rangesAlreadyDone = Counter.builder("colshift.backfill.ranges")
                .tag("outcome", "already-done")
                .register(registry);
        rangeDuration = Timer.builder("colshift.backfill.range.duration")
                .description("time to backfill one range, retries included")
                .register(registry);
    }

    /** {@code rowsUpdated} is negative when the ledger already had the range. */
    void recordRange(long rowsUpdated, Duration took) {
        if (rowsUpdated < 0) {
            rangesAlreadyDone.increment();
        } else {
            rows.increment(rowsUpdated);
            rangesDone.increment();
        }
        rangeDuration.record(took);
    }
}
