package dev.colshift.planner.sql;

import dev.colshift.planner.sql.SqlToken.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits SQL text into tokens by PostgreSQL's lexical rules (the "Lexical Structure" chapter of its documentation):
 * unquoted words folded to lower case, quoted identifiers with doubled quotes, string constants in all their forms
 * ({@code '...'}, {@code E'...'} with backslash escapes, {@code B''}, {@code X''}, {@code U&''}, dollar quoting), numbers,
 * operators, punctuation; comments (nested block comments too) are skipped. Pure; fails on unterminated quotes or
 * comments.
 */
public final class SqlLexer {
    private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?";
    private static final String PUNCTUATION = "(),;[].:";

    private final String text;
    private int at;
    private final List<SqlToken> tokens = new ArrayList<>();

    private SqlLexer(String text) {
        this.text = text;
    }

    public static List<SqlToken> tokens(String text) {
        SqlLexer lexer = new SqlLexer(text);
        lexer.run();
        return List.copyOf(lexer.tokens);
    }

    private void run() {
        while (at < text.length()) {
            char c = text.charAt(at);
            int start = at;
            if (Character.isWhitespace(c)) {
                at++;
            } else if (text.startsWith("--", at)) {
                while (at < text.length() && text.charAt(at) != '\n') {
                    at++;
                }
            } else if (text.startsWith("/*", at)) {
                skipBlockComment();
            } else if (c == '\'') {
                quoted(start, '\'', false);
            } else if ((c == 'E' || c == 'e') && peek(1) == '\'') {
                at++;
                quoted(start, '\'', true);
            } else if ((c == 'B' || c == 'b' || c == 'X' || c == 'x' || c == 'N' || c == 'n') && peek(1) == '\'') {
                at++;
                quoted(start, '\'', false);
            } else if ((c == 'U' || c == 'u') && peek(1) == '&' && (peek(2) == '\'' || peek(2) == '"')) {
                at += 2;
                quoted(start, text.charAt(at), false);
            } else if (c == '"') {
                quoted(start, '"', false);
            } else if (c == '$' && dollarTagEnd() > 0) {
                dollarQuoted(start);
            } else if (Character.isDigit(c) || c == '.' && Character.isDigit(peek(1))) {
                number(start);
            } else if (Character.isLetter(c) || c == '_' || c > 127) {
                while (at < text.length() && isWordChar(text.charAt(at))) {
                    at++;
                }
                String word = text.substring(start, at);
                add(Kind.WORD, start, word.toLowerCase(Locale.ROOT));
            } else if (text.startsWith("::", at)) {
                at += 2;
                add(Kind.OPERATOR, start, "::");
            } else if (PUNCTUATION.indexOf(c) >= 0) {
                at++;
                add(Kind.PUNCTUATION, start, String.valueOf(c));
            } else if (OPERATOR_CHARS.indexOf(c) >= 0) {
                while (at < text.length()
                        && OPERATOR_CHARS.indexOf(text.charAt(at)) >= 0
                        && !text.startsWith("--", at)
                        && !text.startsWith("/*", at)) {
                    at++;
                }
                add(Kind.OPERATOR, start, text.substring(start, at));
            } else if (c == '$') {
                at++;
                while (at < text.length() && Character.isDigit(text.charAt(at))) {
                    at++;
                }
                add(Kind.OPERATOR, start, text.substring(start, at)); // a parameter: refused later
            } else {
                throw new SqlSyntaxException(start, "unexpected character '" + c + "'");
            }
        }
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 127;
    }

    private char peek(int ahead) {
        return at + ahead < text.length() ? text.charAt(at + ahead) : '\0';
    }

    private void skipBlockComment() {
        int start = at;
        int depth = 0;
        while (at < text.length()) {
            if (text.startsWith("/*", at)) {
                depth++;
                at += 2;
            } else if (text.startsWith("*/", at)) {
                depth--;
                at += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                at++;
            }
        }
        throw new SqlSyntaxException(start, "unterminated comment");
    }

    /** From the opening quote at {@code at}; a doubled quote stands for itself, and with escapes so does {@code \x}. */
    private void quoted(int start, char quote, boolean backslashEscapes) {
        int open = at;
        at++;
        StringBuilder value = new StringBuilder();
        while (at < text.length()) {
            char c = text.charAt(at);
            if (backslashEscapes && c == '\\' && at + 1 < text.length()) {
                value.append(c).append(text.charAt(at + 1));
                at += 2;
            } else if (c == quote && peek(1) == quote) {
                value.append(quote);
                at += 2;
            } else if (c == quote) {
                at++;
                boolean identifier = quote == '"' && text.charAt(start) == '"';
                add(identifier ? Kind.QUOTED_WORD : Kind.STRING, start, identifier ? value.toString() : null);
                return;
            } else {
                value.append(c);
                at++;
            }
        }
        throw new SqlSyntaxException(open, quote == '"' ? "unterminated quoted identifier" : "unterminated string");
    }

    /** The index after a dollar-quote tag starting at {@code at} ({@code $$} or {@code $tag$}), or -1. */
    private int dollarTagEnd() {
        int i = at + 1;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
            if (i == at + 1 && Character.isDigit(text.charAt(i))) {
                return -1;
            }
            i++;
        }
        return i < text.length() && text.charAt(i) == '$' ? i + 1 : -1;
    }

    private void dollarQuoted(int start) {
        String tag = text.substring(at, dollarTagEnd());
        int close = text.indexOf(tag, at + tag.length());
        if (close < 0) {
            throw new SqlSyntaxException(start, "unterminated dollar-quoted string");
        }
        at = close + tag.length();
        add(Kind.STRING, start, null);
    }

    private void number(int start) {
        while (at < text.length()
                && (Character.isLetterOrDigit(text.charAt(at))
                        || text.charAt(at) == '.'
                        || text.charAt(at) == '_'
                        || (text.charAt(at) == '+' || text.charAt(at) == '-')
                                && (text.charAt(at - 1) == 'e' || text.charAt(at - 1) == 'E'))) {
            at++;
        }
        add(Kind.NUMBER, start, null);
    }

    private void add(Kind kind, int start, String value) {
        String raw = text.substring(start, at);
        tokens.add(new SqlToken(kind, raw, value == null ? raw : value, start, at));
    }
}
