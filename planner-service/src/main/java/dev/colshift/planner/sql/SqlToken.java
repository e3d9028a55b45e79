package dev.colshift.planner.sql;

import java.util.Locale;

/**
 * One lexical token of SQL text, with where it stands in the text, so expressions can be taken from the text exactly
 * as the user wrote them.
 *
 * @param value for a word, its name as PostgreSQL resolves it (unquoted: folded to lower case; quoted: as written,
 *              quotes removed); otherwise the text itself
 */
public record SqlToken(Kind kind, String text, String value, int start, int end) {
    public enum Kind {
        WORD,
        QUOTED_WORD,
        STRING,
        NUMBER,
        OPERATOR,
        PUNCTUATION
    }

    /** An unquoted word equal (case-insensitively) to the keyword. */
    public boolean is(String keyword) {
        return kind == Kind.WORD && value.equals(keyword.toLowerCase(Locale.ROOT));
    }

    public boolean isPunctuation(char c) {
        return kind == Kind.PUNCTUATION && text.length() == 1 && text.charAt(0) == c;
    }

    /** A name: an unquoted word or a quoted identifier. */
    public boolean isName() {
        return kind == Kind.WORD || kind == Kind.QUOTED_WORD;
    }
}
