package dev.colshift.cli;

import dev.colshift.testkit.PostgresServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The demo's users table: what a live application's table looks like before it gets its new column. */
public final class DemoTable {
    private DemoTable() {}

    /** Where a table's rows are stored: a rewrite gives it a new file (relfilenode), and usually a new size. */
    public record Storage(long relfilenode, long bytes, String size) {}

    /** @param table a trusted constant name, such as {@code users} */
    public static void create(PostgresServer.Database database, String table, long rows) throws SQLException {
        try (Connection c = database.connect();
                Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE %s (
                      id bigint PRIMARY KEY,
                      email text NOT NULL,
                      plan_id integer NOT NULL,
                      created_at timestamptz NOT NULL DEFAULT now(),
                      updated_at timestamptz)""".formatted(table));
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO %s (id, email, plan_id)
                    SELECT g, 'user' || g || '@example.com', g %% 5 FROM generate_series(1, ?) g""".formatted(table))) {
                insert.setLong(1, rows);
                insert.executeUpdate();
            }
            s.execute("VACUUM ANALYZE " + table);
        }
    }

    /** @param table a trusted constant name, such as {@code users} */
    public static Storage storage(PostgresServer.Database database, String table) throws SQLException {
        try (Connection c = database.connect();
                PreparedStatement query = c.prepareStatement("SELECT relfilenode, pg_relation_size(oid),"
                        + " pg_size_pretty(pg_relation_size(oid)) FROM pg_class WHERE oid = ?::regclass")) {
            query.setString(1, table);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return new Storage(rs.getLong(1), rs.getLong(2), rs.getString(3));
            }
        }
    }
}
