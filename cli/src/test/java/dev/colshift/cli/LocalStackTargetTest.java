package dev.colshift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colshift.testkit.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which database each {@link LocalStack.Target} gives the stack, and which of them the stack may drop. */
class LocalStackTargetTest {
    private static PostgresServer server;

    @BeforeAll
    static void startPostgres() {
        server = PostgresServer.startOrConnect(
                Path.of("target", "targets-" + System.nanoTime()).toAbsolutePath());
    }

    @AfterAll
    static void stopPostgres() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void scratchIsCreatedAndOwned() {
        PostgresServer.Database scratch = LocalStack.attach(server, LocalStack.Target.scratch("colshift_local"));
        assertTrue(scratch.name().matches("colshift_local_[a-z]+"), scratch.name());
        assertTrue(scratch.createdHere());
        assertTrue(scratch.exists());
        scratch.drop();
        assertFalse(scratch.exists());
    }

    @Test
    void namedExistingDatabaseIsUsedAsItIsAndCannotBeDropped() throws Exception {
        PostgresServer.Database yours = server.createDatabase("colshift_yours");
        try {
            try (Connection c = yours.connect();
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept AS SELECT generate_series(1, 10) AS id");
            }
            PostgresServer.Database attached = LocalStack.attach(server, LocalStack.Target.named(yours.name()));
            assertEquals(yours.name(), attached.name());
            assertFalse(attached.createdHere(), "LocalStack.close drops only what it created");
            assertThrows(IllegalStateException.class, attached::drop);
            assertEquals(10, rows(yours, "kept"));
        } finally {
            yours.drop();
        }
    }

    @Test
    void namedMissingDatabaseIsCreatedAndStillNeverDropped() throws Exception {
        String name = "colshift_missing_" + System.nanoTime();
        PostgresServer.Database attached = LocalStack.attach(server, LocalStack.Target.named(name));
        try {
            assertTrue(attached.exists());
            assertFalse(attached.createdHere(), "--database NAME is the user's even when colshift created it");
        } finally {
            try (Connection c = server.database("postgres").connect();
                    Statement s = c.createStatement()) {
                s.execute("DROP DATABASE " + name);
            }
        }
    }

    @Test
    void ownRefusesATakenNameAndLeavesThatDatabaseAlone() throws Exception {
        PostgresServer.Database someoneElses = server.createDatabase("colshift_demo");
        try {
            try (Connection c = someoneElses.connect();
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept AS SELECT generate_series(1, 10) AS id");
            }
            try (Connection open = someoneElses.connect()) {
                PostgresServer.DatabaseExistsException refused = assertThrows(
                        PostgresServer.DatabaseExistsException.class,
                        () -> LocalStack.attach(server, LocalStack.Target.own(someoneElses.name())));
                String message = DemoCommand.refusal(refused);
                assertFalse(message.contains("\n"), message);
                assertTrue(message.contains(someoneElses.name()), message);
                assertTrue(open.isValid(2), "no session was ended");
            }
            assertEquals(10, rows(someoneElses, "kept"));

            PostgresServer.Database own =
                    LocalStack.attach(server, LocalStack.Target.own(someoneElses.name() + "_own"));
            assertTrue(own.createdHere());
            own.drop();
            assertFalse(own.exists());
        } finally {
            someoneElses.drop();
        }
    }

    private static long rows(PostgresServer.Database db, String table) throws Exception {
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
