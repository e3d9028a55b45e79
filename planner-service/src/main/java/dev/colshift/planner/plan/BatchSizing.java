package dev.colshift.planner.plan;

import java.time.Duration;
import java.util.List;

/**
 * How many rows the next keyset ranges should hold, from how long the recent ranges took: toward a target time per
 * range, as the tools that backfill at the limit do. The p90 of the recent ranges' time per row says how many rows fit
 * in the target; the size grows by at most 1.5× a step, and a p90 over 5× the target cuts it to a tenth at once. Ranges
 * that updated no row, or took under a millisecond, say nothing and are left out. Pure: no I/O.
 *
 * @param target the time one range should take (its UPDATE holds its rows' locks that long)
 * @param min    the fewest rows a range holds
 * @param max    the most rows a range holds
 */
public record BatchSizing(Duration target, int min, int max) {
    static final double MAX_GROWTH = 1.5;
    static final double OVERRUN = 5.0;

    public BatchSizing {
        if (target.isNegative() || target.isZero() || min < 1 || max < min) {
            throw new IllegalArgumentException("a batch sizing needs a positive target and 1 <= min <= max");
        }
    }

    /** One recorded range: the rows its UPDATE changed and how long it took. */
    public record Timing(long rows, long millis) {}

    /** The size of the next ranges; {@code current} when the recent ranges say nothing. */
    public int next(int current, List<Timing> recent) {
        double[] perRow = recent.stream()
                .filter(t -> t.rows() > 0 && t.millis() > 0)
                .mapToDouble(t -> (double) t.millis() / t.rows())
                .sorted()
                .toArray();
        if (perRow.length == 0) {
            return clamp(current);
        }
        double p90 = perRow[(int) Math.ceil(0.9 * perRow.length) - 1];
        double targetMillis = target.toNanos() / 1e6;
        double expected = p90 * current;
        double next;
        if (expected > OVERRUN * targetMillis) {
            next = current / 10.0;
        } else {
            next = Math.min(targetMillis / p90, current * MAX_GROWTH);
        }
        return clamp((long) Math.floor(next));
    }

    private int clamp(long size) {
        return (int) Math.max(min, Math.min(max, size));
    }
}
