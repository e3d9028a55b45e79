package dev.colshift.verifier.check;

import dev.colshift.schemas.CheckResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether the batch ledger covers the key span captured at backfill start exactly once: as many ranges as
 * planned, distinct ids, consecutive with neither gap nor overlap, from the first key to one past the last.
 */
public final class LedgerCoverage {
    static final String NAME = "batch-ledger-coverage";

    private LedgerCoverage() {}

    /**
     * @param rangeLower smallest key at backfill start, null when the table was empty
     * @param rangeUpper largest key at backfill start (inclusive)
     * @param ranges     the ledger rows ordered by lower bound
     */
    public static CheckResult evaluate(Long rangeLower, Long rangeUpper, Long batchesTotal, List<LedgerRange> ranges) {
        if (rangeLower == null) {
            return ranges.isEmpty()
                    ? CheckResult.pass(NAME, "table was empty at backfill start; no batches, as expected")
                    : CheckResult.fail(NAME, ranges.size() + " batch(es) recorded although the table was empty");
        }
        if (rangeUpper == null) {
            return CheckResult.fail(NAME, "ledger records range_lower " + rangeLower + " but no range_upper");
        }
        List<String> problems = new ArrayList<>();
        if (batchesTotal == null) {
            problems.add("batches_total is not recorded");
        } else if (ranges.size() != batchesTotal) {
            problems.add(ranges.size() + " batch(es) recorded, " + batchesTotal + " planned");
        }
        duplicateId(ranges, problems);
        long endExclusive = rangeUpper + 1;
        if (ranges.isEmpty()) {
            problems.add("gap: keys [" + rangeLower + ", " + endExclusive + ") not covered by any batch");
        } else {
            firstDiscontinuity(rangeLower, endExclusive, ranges, problems);
        }
        return problems.isEmpty()
                ? CheckResult.pass(
                        NAME,
                        ranges.size() + " batch(es) cover keys [" + rangeLower + ", " + endExclusive
                                + ") with no gap or overlap")
                : CheckResult.fail(NAME, String.join("; ", problems));
    }

    private static void duplicateId(List<LedgerRange> ranges, List<String> problems) {
        Set<Long> seen = new HashSet<>();
        ranges.stream()
                .filter(r -> !seen.add(r.rangeId()))
                .findFirst()
                .ifPresent(r -> problems.add("range id " + r.rangeId() + " recorded more than once"));
    }

    /** Adds only the first gap, overlap or empty range in key order: later ones usually follow from it. */
    private static void firstDiscontinuity(
            long start, long endExclusive, List<LedgerRange> ranges, List<String> problems) {
        long expected = start;
        LedgerRange previous = null;
        for (LedgerRange range : ranges) {
            String where = previous == null ? "before " + range : "between " + previous + " and " + range;
            if (range.lowerBound() >= range.upperBound()) {
                problems.add(range + " is empty or inverted");
                return;
            }
            if (range.lowerBound() > expected) {
                problems.add("gap: keys [" + expected + ", " + range.lowerBound() + ") not covered, " + where);
                return;
            }
            if (range.lowerBound() < expected) {
                problems.add(
                        previous == null
                                ? range + " starts before the key span's first key " + start
                                : "overlap: " + range + " starts inside " + previous);
                return;
            }
            expected = range.upperBound();
            previous = range;
        }
        if (expected < endExclusive) {
            problems.add("gap: keys [" + expected + ", " + endExclusive + ") not covered, after " + previous);
        } else if (expected > endExclusive) {
            problems.add(previous + " ends beyond the key span's end " + endExclusive);
        }
    }
}
