package dev.colshift.planner.lint;

import java.util.Optional;

/** The cheapest path: PostgreSQL showed the one-statement ADD COLUMN changes only the catalog. */
public final class MetadataOnlyColumn implements LintRule {
    public static final String ID = "add-column-metadata-only";

    @Override
    public Optional<Finding> check(LintSubject s) {
        if (s.input().path() != dev.colshift.planner.plan.ColumnPath.METADATA_ONLY) {
            return Optional.empty();
        }
        return Optional.of(new Finding(
                ID,
                Severity.INFO,
                "column",
                "the column is added in one metadata-only statement: no row is rewritten or read",
                "one ALTER TABLE under lock_timeout, retried; no backfill"));
    }
}
