package dev.colshift.verifier;

import dev.colshift.schemas.LedgerTables;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** Runs one statement outside any transaction (CREATE INDEX CONCURRENTLY); returns its error, or null. */
    String executeOutsideTransaction(String sql) {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute(sql);
            return null;
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    /** Runs the statements in one transaction and returns the error PostgreSQL raised, or null when none did. */
    String failure(String... statements) {
        try {
            execute(statements);
            return null;
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    /** Rows of a query, each column by its label, in order. */
    List<Map<String, Object>> select(String sql, Object... parameters) {
        try (Connection c = connect();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                        row.put(r.getMetaData().getColumnLabel(i), r.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("fixture SQL failed: " + e.getMessage(), e);
        }
    }

    /**
     * Backfills one range as a worker does: the range's UPDATE ({@code $1}/{@code $2} bounds) and its ledger row with
     * the transaction's id, in one transaction; {@code alsoInTheSameTransaction} runs after them (a corruption that
     * then carries the backfill's xid).
     */
    void backfill(
            String migrationId,
            String backfillSql,
            long rangeId,
            long lower,
            long upper,
            String... alsoInTheSameTransaction) {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            long updated;
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO colshift.batches (migration_id, range_id, lower_bound, upper_bound, rows_updated,
                      worker_id, attempt, duration_ms, backfill_xid)
                    VALUES (?, ?, ?, ?, 0, 'fixture', 1, 1, pg_current_xact_id())""")) {
                s.setString(1, migrationId);
                s.setLong(2, rangeId);
                s.setLong(3, lower);
                s.setLong(4, upper);
                s.executeUpdate();
            }
            try (PreparedStatement s =
                    c.prepareStatement(backfillSql.replace("$1", "?").replace("$2", "?"))) {
                s.setLong(1, lower);
                s.setLong(2, upper);
                updated = s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE colshift.batches SET rows_updated = ? WHERE migration_id = ? AND range_id = ?")) {
                s.setLong(1, updated);
                s.setString(2, migrationId);
                s.setLong(3, rangeId);
                s.executeUpdate();
            }
            try (Statement s = c.createStatement()) {
                for (String sql : alsoInTheSameTransaction) {
                    s.execute(sql);
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("fixture backfill failed: " + e.getMessage(), e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }
}
