package dev.colshift.testkit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real streaming replica of a {@link LocalPostgres} primary, for tests that need replication lag: a
 * {@code pg_basebackup -R} copy started as a hot standby on its own loopback port. {@link #pauseReplay()} makes it
 * fall behind on purpose (WAL still arrives, nothing is replayed) and {@link #resumeReplay()} lets it catch up.
 * {@link #close()} stops it by its data directory.
 */
public final class StreamingReplica implements AutoCloseable {
    private final LocalPostgres primary;
    private final LocalPostgres server;

    private StreamingReplica(LocalPostgres primary, LocalPostgres server) {
        this.primary = primary;
        this.server = server;
    }

    /** Copies {@code primary} into {@code workDir}/data, starts it as a standby and waits until it streams. */
    public static StreamingReplica start(LocalPostgres primary, Path workDir) {
        Path dir = workDir.toAbsolutePath();
        LocalPostgres.prepareDirectory(dir);
        LocalPostgres replica = LocalPostgres.notStarted(dir.resolve("data"));
        replica.run(
                Duration.ofSeconds(300),
                "pg_basebackup",
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(primary.port()),
                "-U",
                "postgres",
                "-D",
                replica.dataDir().toString(),
                "-R",
                "-X",
                "stream",
                "-c",
                "fast");
        StreamingReplica streaming = new StreamingReplica(primary, replica);
        try {
            replica.startServer(); // postgresql.auto.conf and standby.signal from -R make it a standby
            streaming.awaitStreaming(Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            streaming.close();
            throw e;
        }
        return streaming;
    }

    public int port() {
        return server.port();
    }

    /** Stops replaying WAL ({@code pg_wal_replay_pause()}); WAL keeps arriving, so the lag grows. */
    public void pauseReplay() throws SQLException {
        execute("SELECT pg_wal_replay_pause()");
    }

    /** Replays again ({@code pg_wal_replay_resume()}). */
    public void resumeReplay() throws SQLException {
        execute("SELECT pg_wal_replay_resume()");
    }

    /** Bytes of WAL the primary has sent this replica that it has not replayed, as the primary sees it. */
    public long replayLagBytes() throws SQLException {
        try (Connection c = primary.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT coalesce(max(pg_wal_lsn_diff(sent_lsn, replay_lsn)), 0)::bigint"
                        + " FROM pg_stat_replication")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() {
        server.close();
    }

    private void awaitStreaming(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = primary.connect();
                    Statement s = c.createStatement();
                    ResultSet rs =
                            s.executeQuery("SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
                Thread.sleep(100);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read pg_stat_replication on the primary", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for the replica to stream", e);
            }
        }
        throw new IllegalStateException(
                "the replica on port " + server.port() + " did not start streaming within " + timeout);
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
