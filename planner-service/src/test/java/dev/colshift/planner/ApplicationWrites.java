package dev.colshift.planner;

import dev.colshift.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application, writing a table in the background until closed: sets the new column {@code doubled} to -1 on a
 * random row it marks {@code touched} (a value the backfill must never overwrite), and every fourth write inserts a
 * row without the column (the fill trigger fills it).
 */
final class ApplicationWrites implements AutoCloseable {
    private final Thread thread;
    private final AtomicLong writes = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean running = true;

    ApplicationWrites(String table, String insert) {
        String touch = "UPDATE " + table + " SET doubled = -1, touched = true" + " WHERE ctid = (SELECT ctid FROM "
                + table + " WHERE NOT touched ORDER BY random() LIMIT 1)";
        thread = new Thread(
                () -> {
                    try (Connection c = TestDatabase.connect();
                            Statement s = c.createStatement()) {
                        while (running) {
                            s.executeUpdate(writes.get() % 4 == 3 ? insert : touch);
                            writes.incrementAndGet();
                            Thread.sleep(2);
                        }
                    } catch (Exception e) {
                        failure.set(e);
                    }
                },
                "application-writes-" + table);
        thread.start();
    }

    long writes() {
        return writes.get();
    }

    void awaitWrites(long atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (writes.get() < atLeast && failure.get() == null && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    @Override
    public void close() throws Exception {
        running = false;
        thread.join();
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
