package dev.colshift.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerTest {

    @TempDir
    Path workDir;

    @Test
    void createsQueriesAndDropsADatabaseOnLoopback() throws Exception {
        long started = System.nanoTime();
        try (PostgresServer server = PostgresServer.startOrConnect(workDir)) {
            System.out.printf(
                    "postgres %s (embedded=%s) ready in %d ms at %s:%d%n",
                    server.serverVersion(),
                    server.embedded(),
                    (System.nanoTime() - started) / 1_000_000,
                    server.host(),
                    server.port());
            assertEquals(System.getenv(PostgresServer.URL_ENV) == null, server.embedded());
            assertEquals("127.0.0.1", server.host());

            PostgresServer.Database db = server.createDatabase("colshift_testkit");
            assertTrue(db.name().matches("colshift_testkit_[a-z]+"), db.name());
            assertEquals("jdbc:postgresql://127.0.0.1:" + server.port() + "/" + db.name(), db.jdbcUrl());
            assertEquals("postgresql://127.0.0.1:" + server.port() + "/" + db.name(), db.reactiveUrl());

            try (Connection c = db.connect();
                    Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("select 1, current_database(), host(inet_server_addr())")) {
                    assertTrue(rs.next());
                    assertEquals(1, rs.getInt(1));
                    assertEquals(db.name(), rs.getString(2));
                    assertEquals("127.0.0.1", rs.getString(3));
                }
                if (server.embedded()) {
                    try (ResultSet rs = s.executeQuery("show listen_addresses")) {
                        assertTrue(rs.next());
                        assertEquals("127.0.0.1", rs.getString(1));
                    }
                }
            }

            db.recreate();
            assertTrue(exists(server, db.name()));
            try (Connection stillOpen = db.connect()) {
                db.drop(); // ends the open session, then drops
                assertFalse(exists(server, db.name()));
                assertFalse(stillOpen.isValid(2), "the other session was terminated");
            }
        }
    }

    private static boolean exists(PostgresServer server, String name) throws Exception {
        try (Connection c = server.database("postgres").connect();
                PreparedStatement ps = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
