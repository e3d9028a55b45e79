package dev.colshift.planner.plan;

/**
 * String literals colshift writes itself. Text with a backslash is refused before it gets here (see
 * {@code ExpressionShape}), so doubling single quotes is the whole quoting, whatever standard_conforming_strings is.
 */
public final class SqlLiterals {
    private SqlLiterals() {}

    public static String quote(String text) {
        if (text.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("a literal with a backslash is refused upstream");
        }
        return "'" + text.replace("'", "''") + "'";
    }
}
