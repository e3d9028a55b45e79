package dev.colshift.planner.sql;

import java.util.List;
import java.util.function.Predicate;

/** Walks the tokens of one statement; the text spans it returns are the user's text exactly. */
final class TokenCursor {
    private final String source;
    private final List<SqlToken> tokens;
    private int at;

    TokenCursor(String source, List<SqlToken> tokens) {
        this.source = source;
        this.tokens = tokens;
    }

    boolean atEnd() {
        return at >= tokens.size();
    }

    SqlToken peek() {
        return atEnd() ? null : tokens.get(at);
    }

    SqlToken peek(int ahead) {
        return at + ahead < tokens.size() ? tokens.get(at + ahead) : null;
    }

    SqlToken next() {
        if (atEnd()) {
            throw new UnsupportedSqlException("the statement ends too early");
        }
        return tokens.get(at++);
    }

    /** Consumes the keywords if they come next, in order; otherwise consumes nothing. */
    boolean accept(String... keywords) {
        for (int i = 0; i < keywords.length; i++) {
            SqlToken t = peek(i);
            if (t == null || !t.is(keywords[i])) {
                return false;
            }
        }
        at += keywords.length;
        return true;
    }

    boolean acceptPunctuation(char c) {
        if (peek() != null && peek().isPunctuation(c)) {
            at++;
            return true;
        }
        return false;
    }

    void expect(String... keywords) {
        if (!accept(keywords)) {
            throw new UnsupportedSqlException(
                    "expected " + String.join(" ", keywords).toUpperCase() + " but found " + describe(peek()));
        }
    }

    void expectPunctuation(char c) {
        if (!acceptPunctuation(c)) {
            throw new UnsupportedSqlException("expected '" + c + "' but found " + describe(peek()));
        }
    }

    String name(String what) {
        SqlToken t = next();
        if (!t.isName()) {
            throw new UnsupportedSqlException("expected " + what + " but found " + describe(t));
        }
        return t.value();
    }

    /** {@code name} or {@code schema.name}, each part as PostgreSQL resolves it. */
    String qualifiedName(String what) {
        String first = name(what);
        if (acceptPunctuation('.')) {
            return first + "." + name(what);
        }
        return first;
    }

    /** The text of a parenthesised group, without its parentheses; the cursor stands on the '('. */
    String parenthesised() {
        int open = at;
        expectPunctuation('(');
        int depth = 1;
        while (depth > 0) {
            SqlToken t = next();
            if (t.isPunctuation('(')) {
                depth++;
            } else if (t.isPunctuation(')')) {
                depth--;
            }
        }
        return source.substring(tokens.get(open).end(), tokens.get(at - 1).start())
                .trim();
    }

    /**
     * The text from here up to (not including) the first token at parenthesis depth 0 that {@code stop} accepts, or
     * the end.
     */
    String until(Predicate<TokenCursor> stop) {
        int from = at;
        int depth = 0;
        while (!atEnd()) {
            SqlToken t = peek();
            if (depth == 0 && stop.test(this)) {
                break;
            }
            if (t.isPunctuation('(') || t.isPunctuation('[')) {
                depth++;
            } else if (t.isPunctuation(')') || t.isPunctuation(']')) {
                depth--;
            }
            at++;
        }
        if (from == at) {
            throw new UnsupportedSqlException("expected an expression but found " + describe(peek()));
        }
        return source.substring(tokens.get(from).start(), tokens.get(at - 1).end());
    }

    static String describe(SqlToken t) {
        return t == null ? "the end of the statement" : "'" + t.text() + "'";
    }
}
