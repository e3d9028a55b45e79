package dev.colshift.cli;

import dev.colshift.testkit.PostgresServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays the application during a migration, on a {@link DemoTable}: inserts rows, touches rows without
 * writing the new column, and, once the column exists, writes its own value into some rows. Inserts omit the new
 * column (the old application version) unless {@code insertsWriteColumn}: a NOT NULL column without a default must
 * be written by every insert once the migration completes, so the application writing it is the realistic case.
 * Remembers which rows it wrote, and the slowest statement it saw.
 */
public final class ApplicationWriter implements AutoCloseable {
    private final PostgresServer.Database database;
    private final String table;
    private final String column;
    private final String explicitValueSql;
    private final boolean insertsWriteColumn;
    private final long existingRows;
    private final AtomicLong nextId;
    private final Set<Long> explicitlyWritten = ConcurrentHashMap.newKeySet();
    private final List<Long> inserted = new CopyOnWriteArrayList<>();
    private final AtomicLong statements = new AtomicLong();
    private final AtomicLong slowestMillis = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Exception failure;

    /**
     * @param table            the demo table (a trusted constant of the caller)
     * @param column           the column being added (a trusted constant of the caller)
     * @param explicitValueSql the SQL literal the application writes into it, e.g. {@code -1}
     */
    public ApplicationWriter(
            PostgresServer.Database database,
            String table,
            long existingRows,
            String column,
            String explicitValueSql,
            boolean insertsWriteColumn) {
        this.table = table;
        this.insertsWriteColumn = insertsWriteColumn;
        this.database = database;
        this.existingRows = existingRows;
        this.column = column;
        this.explicitValueSql = explicitValueSql;
        this.nextId = new AtomicLong(firstFreeId(database, table));
        this.thread = new Thread(this::run, "application-writer");
        thread.setDaemon(true);
        thread.start();
    }

    private static long firstFreeId(PostgresServer.Database database, String table) {
        try (Connection c = database.connect();
                ResultSet rs = c.createStatement().executeQuery("SELECT coalesce(max(id), 0) + 1 FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + table, e);
        }
    }

    private void run() {
        try (Connection c = database.connect();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO " + table + " (id, email, plan_id) VALUES (?, 'new@example.com', ?)");
                PreparedStatement insertWithColumn =
                        c.prepareStatement("INSERT INTO " + table + " (id, email, plan_id, \"" + column
                                + "\") VALUES (?, 'new@example.com', ?, " + explicitValueSql + ")");
                PreparedStatement touch =
                        c.prepareStatement("UPDATE " + table + " SET updated_at = now() WHERE id = ?");
                PreparedStatement columnExists = c.prepareStatement(
                        "SELECT 1 FROM information_schema.columns" + " WHERE table_name = ? AND column_name = ?")) {
            columnExists.setString(1, table);
            columnExists.setString(2, column);
            boolean hasColumn = false;
            for (long i = 0; running; i++) {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                long id = nextId.getAndIncrement();
                PreparedStatement inserting = insertsWriteColumn && hasColumn ? insertWithColumn : insert;
                inserting.setLong(1, id);
                inserting.setInt(2, random.nextInt(5));
                timed(inserting);
                inserted.add(id);
                if (inserting == insertWithColumn) {
                    explicitlyWritten.add(id);
                }
                touch.setLong(1, 1 + random.nextLong(existingRows));
                timed(touch);
                if (!hasColumn && i % 10 == 0) {
                    try (ResultSet rs = columnExists.executeQuery()) {
                        hasColumn = rs.next();
                    }
                }
                if (hasColumn) {
                    long target = 1 + random.nextLong(existingRows);
                    try (PreparedStatement write = c.prepareStatement(
                            "UPDATE " + table + " SET \"" + column + "\" = " + explicitValueSql + " WHERE id = ?")) {
                        write.setLong(1, target);
                        timed(write);
                    }
                    explicitlyWritten.add(target);
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            failure = e;
        }
    }

    private void timed(PreparedStatement statement) throws SQLException {
        long start = System.nanoTime();
        statement.executeUpdate();
        slowestMillis.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
        statements.incrementAndGet();
    }

    public Set<Long> explicitlyWritten() {
        return Set.copyOf(explicitlyWritten);
    }

    public List<Long> inserted() {
        return List.copyOf(inserted);
    }

    public long statements() {
        return statements.get();
    }

    public long slowestMillis() {
        return slowestMillis.get();
    }

    /** Stops writing; throws if the application saw an error at any point. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new IllegalStateException("the application's writes failed during the migration", failure);
        }
    }
}
