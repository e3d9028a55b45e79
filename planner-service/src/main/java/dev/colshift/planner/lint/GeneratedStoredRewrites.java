package dev.colshift.planner.lint;

import java.util.Optional;

/** strong_migrations add_column_generated_stored: PostgreSQL rewrites the table to compute the values. */
public final class GeneratedStoredRewrites implements LintRule {
    public static final String ID = "generated-stored-rewrites";

    @Override
    public Optional<Finding> check(LintSubject s) {
        if (!s.input().isStoredGenerated()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(
                ID,
                Severity.HAZARD,
                "generated",
                "GENERATED ... STORED rewrites every row under ACCESS EXCLUSIVE: reads and writes wait for the whole rewrite",
                "add a plain column with a backfillExpression (colshift fills it in ranges and keeps new rows filled"
                        + " with a trigger until it completes; the application maintains it afterwards), or allow"
                        + " the hazard for a small table"));
    }
}
