package dev.colshift.planner.lint;

import java.util.Optional;

/** Squawk's prefer-text-field: changing a varchar(n) limit later takes an ACCESS EXCLUSIVE lock. */
public final class PreferText implements LintRule {
    public static final String ID = "prefer-text";

    @Override
    public Optional<Finding> check(LintSubject s) {
        if (!s.typeWritten().matches("(varchar|character varying) ?\\(.*")) {
            return Optional.empty();
        }
        return Optional.of(new Finding(
                ID,
                Severity.WARNING,
                "type",
                s.spec().type() + ": raising the limit later needs ALTER COLUMN TYPE under ACCESS EXCLUSIVE",
                "use text with CHECK (length(col) <= n), which colshift adds NOT VALID and then validates"));
    }
}
