package dev.colshift.planner.lint;

import java.util.Optional;

/** Squawk's prefer-bigint-over-int / -smallint: 32-bit and 16-bit integers run out. */
public final class PreferBigint implements LintRule {
    public static final String ID = "prefer-bigint";

    @Override
    public Optional<Finding> check(LintSubject s) {
        if (!java.util.Set.of(
                        "int", "integer", "int4", "smallint", "int2", "serial", "serial4", "smallserial", "serial2")
                .contains(s.typeWritten())) {
            return Optional.empty();
        }
        return Optional.of(new Finding(
                ID,
                Severity.WARNING,
                "type",
                s.spec().type() + " holds at most "
                        + (s.typeWritten().contains("small") || s.typeWritten().endsWith("2")
                                ? "32,767"
                                : "2,147,483,647"),
                "use bigint unless the range is bounded by design"));
    }
}
