package dev.colshift.planner.lint;

import java.util.Optional;

/** Squawk's ban-char-field: char(n) pads with blanks and is no faster than text. */
public final class BanChar implements LintRule {
    public static final String ID = "ban-char";

    @Override
    public Optional<Finding> check(LintSubject s) {
        String t = s.typeWritten();
        if (!(t.equals("char")
                || t.equals("character")
                || t.equals("bpchar")
                || t.matches("(char|character) ?\\(.*"))) {
            return Optional.empty();
        }
        return Optional.of(new Finding(
                ID, Severity.WARNING, "type", s.spec().type() + " pads values with blanks", "use text (or varchar)"));
    }
}
