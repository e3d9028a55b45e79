package dev.colshift.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Quarkus test resource ({@code @WithTestResource(ColshiftTestResources.class)}) that gives a service a real
 * Kafka broker and a fresh database on a real PostgreSQL, all on 127.0.0.1.
 */
public final class ColshiftTestResources implements QuarkusTestResourceLifecycleManager {

    private Path workDir;
    private KafkaBroker kafka;
    private PostgresServer postgres;
    private PostgresServer.Database database;

    @Override
    public Map<String, String> start() {
        workDir = Path.of("target", "colshift-testkit", UUID.randomUUID().toString())
                .toAbsolutePath();
        try {
            kafka = KafkaBroker.start(workDir.resolve("kafka"));
            postgres = PostgresServer.startOrConnect(workDir.resolve("postgres"));
            database = postgres.createDatabase("colshift_test");
        } catch (RuntimeException | Error e) {
            stop();
            throw e;
        }

        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("quarkus.datasource.reactive.url", database.reactiveUrl());
        config.put("quarkus.datasource.username", database.user());
        if (!database.password().isEmpty()) {
            config.put("quarkus.datasource.password", database.password());
        }
        config.put("colshift.test.jdbc-url", database.jdbcUrl());
        config.put("colshift.test.db-user", database.user());
        config.put("colshift.test.db-password", database.password());
        config.put("colshift.test.db-name", database.name());
        return config;
    }

    @Override
    public void stop() {
        // Each step runs even if an earlier one (or start) failed, so nothing started is left behind.
        quietly(database == null ? null : database::drop);
        quietly(postgres);
        quietly(kafka);
        quietly(workDir == null ? null : () -> Dirs.deleteRecursively(workDir));
        database = null;
        postgres = null;
        kafka = null;
    }

    private static void quietly(AutoCloseable step) {
        if (step == null) {
            return;
        }
        try {
            step.close();
        } catch (Exception e) {
            System.err.println("colshift testkit: cleanup step failed: " + e);
        }
    }
}
