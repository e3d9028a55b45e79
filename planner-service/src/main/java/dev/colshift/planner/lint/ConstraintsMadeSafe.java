package dev.colshift.planner.lint;

import java.util.Optional;

/** Squawk constraint-missing-not-valid, adding-foreign-key-constraint, disallowed-unique-constraint, require-concurrent-index-creation: colshift does the safe form itself. */
public final class ConstraintsMadeSafe implements LintRule {
    public static final String ID = "constraints-made-safe";

    @Override
    public Optional<Finding> check(LintSubject s) {
        var spec = s.spec();
        if (spec.checkList().isEmpty()
                && spec.references() == null
                && !spec.isUnique()
                && !spec.isPrimaryKey()
                && spec.indexList().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(
                ID,
                Severity.INFO,
                "column",
                "checks and foreign keys are added NOT VALID and validated separately; unique keys and indexes are"
                        + " built CONCURRENTLY",
                "no step holds ACCESS EXCLUSIVE while it reads the table"));
    }
}
