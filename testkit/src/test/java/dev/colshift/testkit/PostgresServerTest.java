package dev.colshift.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
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

            try (Connection stillOpen = db.connect()) {
                db.drop(); // ends the open session, then drops
                assertFalse(exists(server, db.name()));
                assertFalse(stillOpen.isValid(2), "the other session was terminated");
            }
        }
    }

    @Test
    void dropsOnlyWhatItCreated() throws Exception {
        try (PostgresServer server = PostgresServer.startOrConnect(workDir)) {
            PostgresServer.Database mine = server.createDatabase("colshift_testkit");
            String name = mine.name();
            try {
                PostgresServer.Database theirs = server.database(name);
                assertFalse(theirs.createdHere());
                assertThrows(PostgresServer.DatabaseExistsException.class, () -> server.createNamedDatabase(name));
                assertFalse(theirs.createIfMissing(), "an existing database is used as it is");
                try (Connection open = theirs.connect()) {
                    IllegalStateException refused = assertThrows(IllegalStateException.class, theirs::drop);
                    assertTrue(refused.getMessage().contains("refusing to drop"), refused.getMessage());
                    assertTrue(exists(server, name));
                    assertTrue(open.isValid(2), "no session was terminated");
                }
            } finally {
                mine.drop();
            }
            assertFalse(exists(server, name));

            PostgresServer.Database named = server.createNamedDatabase(name + "_named");
            assertTrue(named.createdHere());
            assertTrue(named.exists());
            named.drop();
            assertFalse(named.exists());

            PostgresServer.Database missing = server.database(name + "_missing");
            assertTrue(missing.createIfMissing());
            try {
                assertTrue(missing.exists());
                assertThrows(IllegalStateException.class, missing::drop, "created if missing, still not droppable");
            } finally {
                try (Connection c = server.database("postgres").connect();
                        Statement s = c.createStatement()) {
                    s.execute("drop database " + PostgresServer.quote(missing.name()));
                }
            }
        }
    }

    @Test
    void readsTheDatabaseTheUrlNames() {
        assertEquals(
                Optional.of("mydb"),
                PostgresServer.external("postgresql://u:p@127.0.0.1:5432/mydb").urlDatabase());
        assertEquals(
                Optional.empty(),
                PostgresServer.external("postgresql://u@127.0.0.1:5432").urlDatabase());
        assertEquals(
                Optional.empty(),
                PostgresServer.external("postgresql://u@127.0.0.1:5432/").urlDatabase());
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
