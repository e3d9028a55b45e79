package dev.colshift.worker;

import dev.colshift.schemas.PgErrorClass;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * What a worker reports at {@code /q/metrics}, all named {@code colshift_backfill_*}: rows written and their recent
 * rate, ranges done or found already done, time per range (waits and retries included) and per successful batch
 * UPDATE, rows per batch, ranges split after a statement timeout, retries and dead letters by error class. The throttle's own state is in
 * {@link dev.colshift.worker.throttle.ThrottleState}.
 */
@ApplicationScoped
public class BackfillMetrics {
    private static final Duration[] DURATION_BUCKETS = {
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
        Duration.ofSeconds(120)
    };

    private final MeterRegistry registry;
    private final Counter rows;
    private final Counter rangesDone;
    private final Counter rangesAlreadyDone;
    private final Timer rangeDuration;
    private final Timer batchDuration;
    private final DistributionSummary batchRows;
    private final Counter splits;
    private final RowRate rate = new RowRate(Duration.ofSeconds(10));

    public BackfillMetrics(MeterRegistry registry) {
        this.registry = registry;
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
                .description("time to backfill one range, throttle waits and retries included")
                .serviceLevelObjectives(DURATION_BUCKETS)
                .register(registry);
        batchDuration = Timer.builder("colshift.backfill.batch.duration")
                .description("time of the one UPDATE transaction that backfilled a range")
                .serviceLevelObjectives(DURATION_BUCKETS)
                .register(registry);
        batchRows = DistributionSummary.builder("colshift.backfill.batch.rows")
                .description("rows one range's UPDATE wrote")
                .serviceLevelObjectives(100, 1_000, 5_000, 10_000, 50_000, 100_000)
                .register(registry);
        splits = Counter.builder("colshift.backfill.range.splits")
                .description("times a range ran into statement_timeout and went on in smaller pieces")
                .register(registry);
        // see ThrottleState: a gauge left by an earlier application in the same JVM would read that one's state
        registry.find("colshift.backfill.rows.per.second").gauges().forEach(registry::remove);
        Gauge.builder("colshift.backfill.rows.per.second", rate, r -> r.perSecond(System.nanoTime()))
                .description("rows written per second over the last 10 s")
                .register(registry);
        for (PgErrorClass errorClass : PgErrorClass.values()) {
            if (errorClass.retryable()) {
                retries(errorClass.tag());
            }
            if (errorClass != PgErrorClass.LOCK_BUSY) { // waiting for the application never dead-letters a range
                deadLetters(errorClass.tag());
            }
        }
        deadLetters("invalid");
    }

    /** {@code rowsUpdated} is negative when the ledger already had the range. */
    void recordRange(long rowsUpdated, Duration took) {
        if (rowsUpdated < 0) {
            rangesAlreadyDone.increment();
        } else {
            rows.increment(rowsUpdated);
            rangesDone.increment();
            batchRows.record(rowsUpdated);
            rate.record(rowsUpdated, System.nanoTime());
        }
        rangeDuration.record(took);
    }

    /** One successful UPDATE transaction. */
    void recordBatch(Duration took) {
        batchDuration.record(took);
    }

    void split() {
        splits.increment();
    }

    void retried(PgErrorClass errorClass) {
        retries(errorClass.tag()).increment();
    }

    void deadLettered(String kind) {
        deadLetters(kind).increment();
    }

    private Counter retries(String errorClass) {
        return Counter.builder("colshift.backfill.retries")
                .tag("error_class", errorClass)
                .description("range attempts that failed and were tried again, by error class")
                .register(registry);
    }

    private Counter deadLetters(String kind) {
        return Counter.builder("colshift.backfill.dead.letters")
                .tag("error_class", kind)
                .description("batches sent to the dead-letter topic, by why")
                .register(registry);
    }
}
