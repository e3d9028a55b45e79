package dev.colshift.planner.lint;

import java.util.Optional;

/** A backfill UPDATE fires every FOR EACH ROW UPDATE trigger once per row. */
public final class PerRowTrigger implements LintRule {
    public static final String ID = "per-row-trigger";

    @Override
    public Optional<Finding> check(LintSubject s) {
        if (!s.input().needsBackfill() || s.stats().rowTriggers().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(
                ID,
                Severity.HAZARD,
                "table",
                "the backfill fires the row trigger(s) "
                        + String.join(", ", s.stats().rowTriggers())
                        + " once for every existing row (audit rows, updated_at, queues)",
                "allow the hazard if the triggers are harmless for a backfill, or use a metadata-only default"));
    }
}
