package dev.colshift.planner.lint;

import java.util.Optional;

/** A transaction open for minutes makes every DDL wait and CREATE INDEX CONCURRENTLY wait for it. */
public final class LongRunningTransaction implements LintRule {
    public static final String ID = "long-running-transaction";

    @Override
    public Optional<Finding> check(LintSubject s) {
        if (s.stats().longTransactions().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(
                ID,
                Severity.WARNING,
                "table",
                "long-running transactions: " + String.join("; ", s.stats().longTransactions()),
                "colshift will not queue its locks behind them (it waits and retries), and concurrent index builds"
                        + " and validations wait for them to end"));
    }
}
