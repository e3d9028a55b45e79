package dev.colshift.planner.spec;

import java.util.Optional;

/**
 * A lexical gate in front of PostgreSQL's own validation of an expression. An accepted text is one expression that
 * cannot escape the parentheses colshift wraps it in: parentheses balance outside literals, and there is no
 * statement separator, comment, dollar quote, parameter or backslash. Backslashes are refused even inside literals,
 * because in {@code E'...'} strings (or with standard_conforming_strings off) {@code \'} hides a quote, and this
 * gate would then disagree with PostgreSQL about where a literal ends. PostgreSQL then parses and type-checks it in a
 * rolled-back rehearsal.
 */
public final class ExpressionShape {
    static final int MAX_LENGTH = 2000;

    private ExpressionShape() {}

    /** Why the text is refused, or empty when it has an acceptable shape. */
    public static Optional<String> problem(String expression) {
        if (expression.isBlank()) {
            return Optional.of("expression is empty");
        }
        if (expression.length() > MAX_LENGTH) {
            return Optional.of("expression is longer than " + MAX_LENGTH + " characters");
        }
        if (expression.indexOf('\\') >= 0) {
            return Optional.of("backslash is not allowed, not even in string literals");
        }
        int depth = 0;
        int i = 0;
        while (i < expression.length()) {
            char c = expression.charAt(i);
            if (c == '\'' || c == '"') {
                int end = closingQuote(expression, i);
                if (end < 0) {
                    return Optional.of("unterminated " + (c == '\'' ? "string literal" : "quoted identifier"));
                }
                i = end + 1;
                continue;
            }
            if (c == ';') {
                return Optional.of("';' is not allowed: one expression only");
            }
            if (c == '$') {
                return Optional.of("'$' (dollar quoting or parameters) is not allowed");
            }
            if (expression.startsWith("--", i) || expression.startsWith("/*", i)) {
                return Optional.of("comments are not allowed");
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth < 0) {
                return Optional.of("unbalanced ')'");
            }
            i++;
        }
        return depth == 0 ? Optional.empty() : Optional.of("unbalanced '('");
    }

    /** Index of the quote closing the one at {@code start}, where a doubled quote is an escaped quote. */
    private static int closingQuote(String text, int start) {
        char quote = text.charAt(start);
        int i = start + 1;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        return -1;
    }
}
