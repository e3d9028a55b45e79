package dev.colshift.planner.lint;

import java.util.Optional;

/** Squawk adding-field-with-default, strong_migrations add_column_default: a volatile default rewrites the table. */
public final class VolatileDefaultBackfilled implements LintRule {
    public static final String ID = "add-column-volatile-default";

    @Override
    public Optional<Finding> check(LintSubject s) {
        var probe = s.input().facts().probe();
        if (probe == null
                || probe.metadataOnly()
                || s.spec().defaultExpression() == null
                || s.input().path() != dev.colshift.planner.plan.ColumnPath.BACKFILL) {
            return Optional.empty();
        }
        return Optional.of(new Finding(
                ID,
                Severity.INFO,
                "defaultExpression",
                "ADD COLUMN ... DEFAULT " + s.spec().defaultExpression() + " rewrites the table (PostgreSQL showed it"
                        + " on a copy)",
                "added nullable with the default for new rows; existing rows are filled in key ranges"));
    }
}
