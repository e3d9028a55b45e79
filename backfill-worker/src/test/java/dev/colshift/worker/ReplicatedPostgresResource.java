package dev.colshift.worker;

import dev.colshift.testkit.KafkaBroker;
import dev.colshift.testkit.LocalPostgres;
import dev.colshift.testkit.StreamingReplica;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * A worker whose database has a real streaming replica: a Kafka broker, a primary from the machine's PostgreSQL
 * binaries and its {@link StreamingReplica}, all on 127.0.0.1, with a replica lag limit of 1 MB. The replica's port is
 * {@code colshift.test.replica-port}.
 */
public final class ReplicatedPostgresResource implements QuarkusTestResourceLifecycleManager {
    static final long LAG_LIMIT_BYTES = 1_048_576;

    private Path workDir;
    private KafkaBroker kafka;
    private LocalPostgres primary;
    private StreamingReplica replica;

    @Override
    public Map<String, String> start() {
        workDir = Path.of("target", "replicated", UUID.randomUUID().toString()).toAbsolutePath();
        try {
            kafka = KafkaBroker.start(workDir.resolve("kafka"));
            primary = LocalPostgres.start(workDir.resolve("primary"));
            replica = StreamingReplica.start(primary, workDir.resolve("replica"));
        } catch (RuntimeException | Error e) {
            stop();
            throw e;
        }
        return Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "quarkus.datasource.reactive.url", primary.reactiveUrl("postgres"),
                "quarkus.datasource.username", "postgres",
                "colshift.test.jdbc-url", primary.jdbcUrl("postgres"),
                "colshift.test.db-user", "postgres",
                "colshift.test.db-password", "",
                "colshift.test.replica-port", Integer.toString(replica.port()),
                "colshift.worker.throttle.max-replica-lag-bytes", Long.toString(LAG_LIMIT_BYTES));
    }

    @Override
    public void stop() {
        // replica before primary, each stopped by its own data directory, even if an earlier step failed
        for (AutoCloseable step : new AutoCloseable[] {replica, primary, kafka}) {
            if (step == null) {
                continue;
            }
            try {
                step.close();
            } catch (Exception e) {
                System.err.println("colshift test: cleanup step failed: " + e);
            }
        }
        replica = null;
        primary = null;
        kafka = null;
        if (workDir != null) {
            try (var paths = java.nio.file.Files.walk(workDir)) {
                paths.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            } catch (java.io.IOException e) {
                System.err.println("colshift test: cannot delete " + workDir + ": " + e);
            }
        }
    }
}
