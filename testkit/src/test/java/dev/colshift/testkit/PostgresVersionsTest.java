package dev.colshift.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Starts every supported PostgreSQL major embedded, one after the other; fails when one is missing or broken. */
class PostgresVersionsTest {

    static List<Integer> supported() {
        return PostgresVersions.SUPPORTED;
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("supported")
    void startsUsesAndStops(int major) throws Exception {
        assertEquals(
                List.of(), PostgresVersions.unavailableReason(major).stream().toList());

        Path workDir = Path.of("target", "pg-versions", "pg" + major);
        long started = System.nanoTime();
        PostgresServer.Database db;
        try (PostgresServer server = PostgresServer.startEmbedded(major, workDir)) {
            System.out.printf(
                    "postgres %s (binaries %s) ready in %d ms at %s:%d%n",
                    server.serverVersion(),
                    PostgresVersions.binariesVersion(major),
                    (System.nanoTime() - started) / 1_000_000,
                    server.host(),
                    server.port());
            assertEquals("127.0.0.1", server.host());
            db = server.createDatabase("colshift_versions");
            try (Connection c = db.connect();
                    Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("show server_version_num")) {
                    assertTrue(rs.next());
                    assertTrue(rs.getString(1).startsWith(Integer.toString(major)), rs.getString(1));
                }
                s.execute("create table t (id bigint primary key, v text)");
                s.execute("insert into t values (1, 'one')");
                try (ResultSet rs = s.executeQuery("select v from t where id = 1")) {
                    assertTrue(rs.next());
                    assertEquals("one", rs.getString(1));
                }
            }
        }
        assertThrows(SQLException.class, db::connect, "the server was stopped");
        assertFalse(Files.exists(workDir.resolve("pg-data")), "its data directory was removed");
    }

    @Test
    void anUnknownMajorIsReportedNotStarted() {
        assertTrue(PostgresVersions.unavailableReason(13).isPresent());
        assertFalse(PostgresVersions.available().contains(13));
        assertThrows(
                IllegalStateException.class, () -> PostgresServer.startEmbedded(13, Path.of("target", "pg-versions")));
    }
}
