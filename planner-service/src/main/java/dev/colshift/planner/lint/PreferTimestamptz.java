package dev.colshift.planner.lint;

import java.util.Optional;

/** Squawk's prefer-timestamptz: timestamp without time zone loses the offset. */
public final class PreferTimestamptz implements LintRule {
    public static final String ID = "prefer-timestamptz";

    @Override
    public Optional<Finding> check(LintSubject s) {
        String t = s.typeWritten();
        if (!(t.equals("timestamp")
                || t.startsWith("timestamp(")
                || t.startsWith("timestamp without time zone")
                || t.matches("timestamp ?\\(\\d\\) without time zone"))) {
            return Optional.empty();
        }
        return Optional.of(
                new Finding(ID, Severity.WARNING, "type", s.spec().type() + " stores no time zone", "use timestamptz"));
    }
}
