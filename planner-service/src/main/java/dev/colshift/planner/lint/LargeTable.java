package dev.colshift.planner.lint;

import java.util.Optional;

/** A backfill on a large table takes time and WAL: say so before it starts. */
public final class LargeTable implements LintRule {
    public static final String ID = "large-table";

    @Override
    public Optional<Finding> check(LintSubject s) {
        if (!s.input().needsBackfill()
                || s.stats().rowsEstimate() < 10_000_000 && s.stats().totalBytes() < (10L << 30)) {
            return Optional.empty();
        }
        return Optional.of(new Finding(
                ID,
                Severity.WARNING,
                "table",
                String.format(
                        "the backfill rewrites about %,d rows of a %,d MB table (WAL, replica lag, bloat)",
                        s.stats().rowsEstimate(), s.stats().totalBytes() >> 20),
                "run it when load is low; colshift throttles and can be paused"));
    }
}
