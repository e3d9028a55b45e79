package dev.colshift.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.eclipse.microprofile.config.ConfigProvider;

/** JDBC access to the database {@link ColshiftTestResources} created, from inside a @QuarkusTest, for setting up fixtures and asserting end states. */
public final class TestDatabase {
    private TestDatabase() {}

    public static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(
                config.getValue("colshift.test.jdbc-url", String.class),
                config.getValue("colshift.test.db-user", String.class),
                config.getOptionalValue("colshift.test.db-password", String.class)
                        .orElse(""));
    }

    public static void execute(String... statements) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** The first column of the first row, as text (null when there is no row). */
    public static String scalar(String sql) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /**
     * A fingerprint of the public schema's columns, constraints, triggers, relations (tables, indexes, sequences, with
     * their files: a rewrite shows) and the colshift ledger's contents.
     */
    public static String catalogFingerprint() throws SQLException {
        return scalar("""
                SELECT concat_ws(' | ',
                  (SELECT string_agg(table_name || '.' || column_name || ':' || data_type || ':' || is_nullable || ':'
                      || coalesce(column_default, ''), ',' ORDER BY table_name, column_name)
                   FROM information_schema.columns WHERE table_schema = 'public'),
                  (SELECT string_agg(conname, ',' ORDER BY conname) FROM pg_constraint c
                   JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public'),
                  (SELECT string_agg(tgname, ',' ORDER BY tgname) FROM pg_trigger WHERE NOT tgisinternal),
                  (SELECT string_agg(c.relname || ':' || c.relkind::text || ':' || c.relfilenode, ',' ORDER BY c.relname)
                   FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'),
                  (SELECT count(*)::text FROM colshift.migrations),
                  (SELECT count(*)::text FROM colshift.steps),
                  (SELECT count(*)::text FROM colshift.outbox),
                  (SELECT count(*)::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                   WHERE n.nspname = 'colshift'))""");
    }
}
