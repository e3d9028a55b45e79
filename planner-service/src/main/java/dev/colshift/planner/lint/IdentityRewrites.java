package dev.colshift.planner.lint;

import java.util.Optional;

/** Adding an identity column draws a sequence value for every row: a table rewrite. */
public final class IdentityRewrites implements LintRule {
    public static final String ID = "identity-rewrites";

    @Override
    public Optional<Finding> check(LintSubject s) {
        if (s.spec().identity() == null) {
            return Optional.empty();
        }
        return Optional.of(new Finding(
                ID,
                Severity.HAZARD,
                "identity",
                "GENERATED " + s.spec().identity() + " AS IDENTITY rewrites every row under ACCESS EXCLUSIVE",
                "use type bigserial (colshift creates the sequence, fills existing rows in ranges and enforces NOT"
                        + " NULL without a long lock), or allow the hazard for a small table"));
    }
}
