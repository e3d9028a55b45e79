package dev.colshift.planner.sql;

import java.util.List;
import java.util.Set;

/**
 * What colshift asks of a watch query's text before PostgreSQL plans it: one statement that reads. The text then only
 * ever reaches {@code EXPLAIN} (never run) in a read-only transaction that is rolled back, and PostgreSQL judges the
 * rest (names, types, permissions). Pure.
 */
public final class WatchQueryText {
    public static final int MAX_QUERIES = 20;
    public static final int MAX_LENGTH = 10_000;
    private static final Set<String> READ_STARTS = Set.of("select", "with", "values", "table");
    /** Words that make a statement write (a data-modifying WITH, SELECT INTO); FOR [NO KEY] UPDATE is a read. */
    private static final Set<String> WRITING_WORDS = Set.of("insert", "update", "delete", "merge", "into", "truncate");

    private WatchQueryText() {}

    /** Why the text is not one read statement, or null when it is. */
    public static String problem(String sql) {
        if (sql == null || sql.isBlank()) {
            return "is empty";
        }
        if (sql.length() > MAX_LENGTH) {
            return "is longer than " + MAX_LENGTH + " characters";
        }
        List<SqlToken> tokens;
        try {
            tokens = SqlLexer.tokens(sql);
        } catch (SqlSyntaxException e) {
            return "cannot be read: " + e.getMessage();
        }
        int end = tokens.size();
        while (end > 0 && tokens.get(end - 1).isPunctuation(';')) {
            end--;
        }
        if (end == 0) {
            return "is empty";
        }
        SqlToken first = tokens.get(0);
        if (first.kind() != SqlToken.Kind.WORD || !READ_STARTS.contains(first.value())) {
            return "is not a read query: it must start with SELECT, WITH, VALUES or TABLE, not '" + first.text() + "'";
        }
        for (int i = 0; i < end; i++) {
            SqlToken token = tokens.get(i);
            if (token.isPunctuation(';')) {
                return "holds more than one statement: give one query per entry";
            }
            if (token.kind() == SqlToken.Kind.OPERATOR && token.text().matches("\\$[0-9]+")) {
                return "has a parameter (" + token.text() + "): give it with literal values, as it is to be planned";
            }
            if (token.kind() == SqlToken.Kind.WORD
                    && WRITING_WORDS.contains(token.value())
                    && !isLockingClause(tokens, i)) {
                return "is not a read query: '" + token.text() + "' writes";
            }
        }
        return null;
    }

    /** Whether the query names the column (as an unquoted word or a quoted identifier). */
    public static boolean mentions(String sql, String column) {
        try {
            return SqlLexer.tokens(sql).stream()
                    .anyMatch(t -> t.isName() && t.value().equals(column));
        } catch (SqlSyntaxException e) {
            return false;
        }
    }

    /** {@code FOR UPDATE} / {@code FOR NO KEY UPDATE}: a locking read, harmless under EXPLAIN. */
    private static boolean isLockingClause(List<SqlToken> tokens, int i) {
        return tokens.get(i).is("update")
                && i > 0
                && (tokens.get(i - 1).is("for") || tokens.get(i - 1).is("key"));
    }
}
