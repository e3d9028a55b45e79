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
     * their files: a rewrite shows) and how many migrations the ledger holds (a refused request records none, and so no
     * step or event either; migrations of other tests may still add steps and events meanwhile).
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
                  (SELECT count(*)::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                   WHERE n.nspname = 'colshift'))""");
    }

    /**
     * A table's definition as PostgreSQL prints it: columns (type, collation, default, nullability, identity,
     * generation), constraints, indexes, triggers and column comments. Dropped columns do not show, as in
     * {@code pg_dump --schema-only}.
     */
    public static String tableDefinition(String table) throws SQLException {
        return scalar("""
                WITH t AS (SELECT '%s'::regclass AS oid)
                SELECT concat_ws(E'\n',
                  (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                      || coalesce(' COLLATE ' || co.collname, '') || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')
                      || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END || ' ' || a.attidentity::text || a.attgenerated::text
                      || coalesce(' -- ' || col_description(a.attrelid, a.attnum), ''), E'\n' ORDER BY a.attnum)
                   FROM pg_attribute a JOIN t ON a.attrelid = t.oid
                   LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                   LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> 100
                   WHERE a.attnum > 0 AND NOT a.attisdropped),
                  (SELECT string_agg(conname || ' ' || pg_get_constraintdef(c.oid), E'\n' ORDER BY conname)
                   FROM pg_constraint c JOIN t ON c.conrelid = t.oid),
                  (SELECT string_agg(pg_get_indexdef(i.indexrelid), E'\n' ORDER BY 1)
                   FROM pg_index i JOIN t ON i.indrelid = t.oid),
                  (SELECT string_agg(tgname, E'\n' ORDER BY tgname) FROM pg_trigger g JOIN t ON g.tgrelid = t.oid
                   WHERE NOT tgisinternal))""".formatted(table.replace("'", "''")));
    }
}
