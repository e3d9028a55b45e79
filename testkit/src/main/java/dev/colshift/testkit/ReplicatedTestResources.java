package dev.colshift.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Quarkus test resource for a service whose database has a real streaming replica: a Kafka broker, a primary from the
 * machine's PostgreSQL binaries and its {@link StreamingReplica}, all on 127.0.0.1. The replica's port is
 * {@code colshift.test.replica-port}; the test's {@code initArgs} are added to the service's configuration.
 */
public final class ReplicatedTestResources implements QuarkusTestResourceLifecycleManager {
    private final Map<String, String> extraConfig = new HashMap<>();
    private Path workDir;
    private KafkaBroker kafka;
    private LocalPostgres primary;
    private StreamingReplica replica;

    /** Runs a statement on the replica of the running test ({@code SELECT pg_wal_replay_pause()}, ...). */
    public static void onReplica(String sql) throws java.sql.SQLException {
        int port = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("colshift.test.replica-port", Integer.class);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
                java.sql.Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void init(Map<String, String> initArgs) {
        extraConfig.putAll(initArgs);
    }

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
        Map<String, String> config = new HashMap<>(Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "quarkus.datasource.reactive.url", primary.reactiveUrl("postgres"),
                "quarkus.datasource.username", "postgres",
                "colshift.test.jdbc-url", primary.jdbcUrl("postgres"),
                "colshift.test.db-user", "postgres",
                "colshift.test.db-password", "",
                "colshift.test.replica-port", Integer.toString(replica.port())));
        config.putAll(extraConfig);
        return config;
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
