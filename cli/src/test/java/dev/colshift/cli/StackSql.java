package dev.colshift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/** What end-to-end tests ask the stack's database, and the check that the application's writes and the backfill agree. */
final class StackSql {
    private StackSql() {}

    static long count(LocalStack stack, String sql) throws Exception {
        return Long.parseLong(text(stack, sql));
    }

    static String text(LocalStack stack, String sql) throws Exception {
        try (Connection c = stack.database().connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static void execute(LocalStack stack, String sql) throws Exception {
        try (Connection c = stack.database().connect();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * Every row the application wrote the column of holds the application's value, and every other row the backfill
     * expression's: no application write overwritten, no row filled wrong.
     */
    static void assertApplicationAndBackfillAgree(
            LocalStack stack, String table, String column, ApplicationWriter app, String appValue, String expression)
            throws Exception {
        String written = app.explicitlyWritten().isEmpty()
                ? "NULL"
                : String.join(
                        ",",
                        app.explicitlyWritten().stream().map(String::valueOf).toList());
        assertEquals(
                0,
                count(
                        stack,
                        "SELECT count(*) FROM " + table + " WHERE id IN (" + written + ") AND " + column + " <> "
                                + appValue),
                "an application write was overwritten");
        assertEquals(
                0,
                count(
                        stack,
                        "SELECT count(*) FROM " + table + " WHERE id NOT IN (" + written + ") AND " + column
                                + " IS DISTINCT FROM " + expression),
                "a row does not hold the backfill expression");
    }
}
