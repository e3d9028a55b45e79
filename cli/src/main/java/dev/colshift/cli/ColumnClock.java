package dev.colshift.cli;

import dev.colshift.testkit.PostgresServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Measures, from outside colshift, how long after a submission a column appears in the catalog: polls {@code
 * pg_attribute} every few milliseconds from its own connection (a catalog read waits on no table lock).
 */
final class ColumnClock implements AutoCloseable {
    private final long startNanos = System.nanoTime();
    private final Thread thread;
    private volatile long appearedAfterMillis = -1;
    private volatile boolean running = true;

    /** @param table a trusted constant name, such as {@code users} */
    ColumnClock(PostgresServer.Database database, String table, String column) {
        thread = new Thread(() -> poll(database, table, column), "column-clock");
        thread.setDaemon(true);
        thread.start();
    }

    private void poll(PostgresServer.Database database, String table, String column) {
        try (Connection c = database.connect();
                PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_attribute WHERE attrelid = ?::regclass"
                        + " AND attname = ? AND NOT attisdropped")) {
            exists.setString(1, table);
            exists.setString(2, column);
            while (running) {
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        appearedAfterMillis = (System.nanoTime() - startNanos) / 1_000_000;
                        return;
                    }
                }
                Thread.sleep(2);
            }
        } catch (SQLException e) {
            running = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Milliseconds from this clock's start to the column's appearance, or -1 if it was not seen. */
    long appearedAfterMillis() {
        return appearedAfterMillis;
    }

    long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
