package dev.colshift.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** A primary and its streaming replica from the machine's binaries: the replica falls behind when paused, not after. */
@EnabledIf("dev.colshift.testkit.LocalPostgres#available")
class StreamingReplicaTest {

    @Test
    void aPausedReplicaFallsBehindAndCatchesUpWhenResumed() throws Exception {
        Path dir = Path.of("target", "streaming-replica-test").toAbsolutePath();
        Dirs.deleteRecursively(dir);
        try (LocalPostgres primary = LocalPostgres.start(dir.resolve("primary"));
                StreamingReplica replica = StreamingReplica.start(primary, dir.resolve("replica"))) {
            execute(primary, "CREATE TABLE t (id int PRIMARY KEY)", "INSERT INTO t SELECT generate_series(1, 10)");
            await(() -> replica.replayLagBytes() == 0);
            assertEquals("10", replicaScalar(replica, "SELECT count(*) FROM t"));

            replica.pauseReplay();
            execute(primary, "CREATE TABLE filler AS SELECT g, repeat('x', 200) AS s FROM generate_series(1, 20000) g");
            await(() -> replica.replayLagBytes() > 1_000_000);
            assertEquals("f", replicaScalar(replica, "SELECT to_regclass('filler') IS NOT NULL"), "not replayed yet");

            replica.resumeReplay();
            await(() -> replica.replayLagBytes() == 0);
            assertEquals("20000", replicaScalar(replica, "SELECT count(*) FROM filler"));
        } finally {
            Dirs.deleteRecursively(dir);
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition did not hold within 30 s");
            }
            Thread.sleep(100);
        }
    }

    private static void execute(LocalPostgres server, String... statements) throws Exception {
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static String replicaScalar(StreamingReplica replica, String sql) throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + replica.port() + "/postgres", "postgres", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
