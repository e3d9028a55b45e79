package dev.colshift.verifier;

import dev.colshift.schemas.LedgerTables;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The test's own JDBC access to the target database: creates the ledger tables (the planner's job; the verifier never does)
 * and writes fixture rows into them.
 */
final class LedgerDatabase {
    private final String url;
    private final String user;
    private final String password;

    LedgerDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void createLedger() {
        execute(LedgerTables.DDL.toArray(String[]::new));
    }

    /** Runs the statements in one transaction. */
    void execute(String... statements) {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String sql : statements) {
                s.execute(sql);
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("fixture SQL failed: " + e.getMessage(), e);
        }
    }

    /** Runs one parameterised statement. */
    void update(String sql, Object... parameters) {
        try (Connection c = connect();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("fixture SQL failed: " + e.getMessage(), e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }
}
