package dev.colshift.cli;

import dev.colshift.testkit.FreePorts;
import dev.colshift.testkit.KafkaBroker;
import dev.colshift.testkit.PostgresServer;
import dev.colshift.testkit.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The whole system on this machine: a Kafka broker (in-process, or an existing one), a PostgreSQL (embedded, or
 * {@code COLSHIFT_PG_URL}), and the packaged planner, backfill workers and verifier as separate processes, all on
 * 127.0.0.1. Closing it stops everything it started, by process handle.
 *
 * <p>The database it runs against is given by a {@link Target}. Closing the stack drops the database only when the
 * stack created it in this run; a database it found (a user's) is never dropped, recreated or emptied, and no session
 * on it is ended.
 */
public final class LocalStack implements AutoCloseable {
    private final List<AutoCloseable> started = new ArrayList<>();
    private final String apiToken = newToken();
    private String kafkaBootstrapServers;
    private PostgresServer postgres;
    private PostgresServer.Database database;
    /** The running services by name, in start order, and how each was started, so it can be started again. */
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

    private final Map<String, Launch> launches = new HashMap<>();

    /** Which database the stack runs against, and with it whether closing the stack drops that database. */
    public sealed interface Target {
        /** A fresh database {@code <prefix>_<random suffix>}, created by the stack and dropped when it closes. */
        static Target scratch(String prefix) {
            return new Scratch(prefix);
        }

        /**
         * A database the user names: used as it is if it exists, created if it does not; dropped in neither case
         * (the planner adds only its {@code colshift} schema).
         */
        static Target named(String name) {
            return new Named(name);
        }

        /**
         * The database {@code COLSHIFT_PG_URL} names in its path, used as it is and never dropped; when the URL
         * names none (or PostgreSQL is embedded), a {@link #scratch} one.
         */
        static Target urlDatabaseOrScratch(String scratchPrefix) {
            return new UrlDatabaseOrScratch(scratchPrefix);
        }

        /**
         * A database created by the stack under exactly this name and dropped when it closes. If the name is taken
         * the stack does not start ({@link PostgresServer.DatabaseExistsException}) and leaves that database alone.
         */
        static Target own(String name) {
            return new Own(name);
        }
    }

    record Scratch(String prefix) implements Target {}

    record Named(String name) implements Target {}

    record UrlDatabaseOrScratch(String scratchPrefix) implements Target {}

    record Own(String name) implements Target {}

    /** Resolves {@code target} on {@code server}, creating the database where the target says so. */
    static PostgresServer.Database attach(PostgresServer server, Target target) {
        if (target instanceof Scratch scratch) {
            return server.createDatabase(scratch.prefix());
        }
        if (target instanceof Own own) {
            return server.createNamedDatabase(own.name());
        }
        if (target instanceof Named named) {
            PostgresServer.Database database = server.database(named.name());
            database.createIfMissing();
            return database;
        }
        UrlDatabaseOrScratch either = (UrlDatabaseOrScratch) target;
        if (server.urlDatabase().isEmpty()) {
            return server.createDatabase(either.scratchPrefix());
        }
        PostgresServer.Database database = server.database(server.urlDatabase().get());
        if (!database.exists()) {
            throw new IllegalStateException("database " + database + " named by " + PostgresServer.URL_ENV
                    + " does not exist (colshift does not create it; leave the path out for a scratch database)");
        }
        return database;
    }

    private record Launch(Path jar, Map<String, String> properties, Map<String, String> environment, Path log) {}

    /**
     * @param repository   the colshift checkout whose modules' {@code target/quarkus-app} are run
     * @param target       the database to run against; only one the stack creates is dropped on close
     * @param externalKafka bootstrap servers of an existing broker, or null to start one (the planner creates the
     *                      topics it needs either way)
     */
    public static LocalStack start(
            Path repository, Path workDir, Target target, int workerCount, String externalKafka) {
        return start(repository, workDir, target, workerCount, externalKafka, Map.of());
    }

    /** @param workerProperties settings every worker starts with, on top of its own */
    public static LocalStack start(
            Path repository,
            Path workDir,
            Target target,
            int workerCount,
            String externalKafka,
            Map<String, String> workerProperties) {
        LocalStack stack = new LocalStack();
        try {
            stack.boot(repository, workDir, target, workerCount, externalKafka, workerProperties);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void boot(
            Path repository,
            Path workDir,
            Target target,
            int workerCount,
            String externalKafka,
            Map<String, String> workerProperties) {
        Path logs = workDir.resolve("logs");
        try {
            Files.createDirectories(logs);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create " + logs, e);
        }
        postgres = track(PostgresServer.startOrConnect(workDir.resolve("postgres")));
        database = attach(postgres, target);
        if (database.createdHere()) {
            PostgresServer.Database created = database;
            started.add(created::drop);
        }
        kafkaBootstrapServers = externalKafka != null
                ? externalKafka
                : track(KafkaBroker.start(workDir.resolve("kafka"))).bootstrapServers();
        Map<String, String> common = new HashMap<>();
        common.put("kafka.bootstrap.servers", kafkaBootstrapServers);
        common.put("quarkus.datasource.reactive.url", database.reactiveUrl());
        common.put("quarkus.datasource.username", database.user());
        // Secrets go in the environment, where other users listing processes cannot read them.
        Map<String, String> secrets = new HashMap<>();
        if (!database.password().isEmpty()) {
            secrets.put("QUARKUS_DATASOURCE_PASSWORD", database.password());
        }
        // the planner forwards `verify` requests to the verifier, so it is told the verifier's port and token first
        String verifierToken = newToken();
        Map<String, String> verifierProperties = new HashMap<>(common);
        verifierProperties.put("quarkus.http.port", String.valueOf(FreePorts.pick()));
        Map<String, String> verifierSecrets = new HashMap<>(secrets);
        verifierSecrets.put("COLSHIFT_VERIFIER_API_TOKEN", verifierToken);
        Map<String, String> plannerProperties = new HashMap<>(common);
        plannerProperties.put(
                "colshift.planner.verifier-url", "http://127.0.0.1:" + verifierProperties.get("quarkus.http.port"));
        Map<String, String> plannerSecrets = new HashMap<>(secrets);
        plannerSecrets.put("COLSHIFT_PLANNER_API_TOKEN", apiToken);
        plannerSecrets.put("COLSHIFT_PLANNER_VERIFIER_TOKEN", verifierToken);
        // the planner first: it creates the topics the others consume; then the others at once
        startTogether(Map.of(
                "planner",
                launch("planner", jar(repository, "planner-service"), plannerProperties, plannerSecrets, logs)));
        Map<String, Launch> others = new LinkedHashMap<>();
        for (int i = 1; i <= workerCount; i++) {
            Map<String, String> properties = new HashMap<>(common);
            properties.putAll(workerProperties);
            properties.put("colshift.worker.id", "worker-" + i);
            others.put(
                    "worker-" + i,
                    launch("worker-" + i, jar(repository, "backfill-worker"), properties, secrets, logs));
        }
        others.put(
                "verifier",
                launch("verifier", jar(repository, "verifier-service"), verifierProperties, verifierSecrets, logs));
        startTogether(others);
    }

    private static Launch launch(
            String name, Path jar, Map<String, String> properties, Map<String, String> environment, Path logs) {
        return new Launch(jar, Map.copyOf(properties), Map.copyOf(environment), logs.resolve(name + ".log"));
    }

    /**
     * Starts the services at the same time and waits until each is ready; every one that started is kept (and stopped
     * on close) even when another did not, whose failure is then thrown.
     */
    private void startTogether(Map<String, Launch> toStart) {
        Map<String, CompletableFuture<ServiceProcess>> starting = new LinkedHashMap<>();
        toStart.forEach((name, launch) -> {
            launches.put(name, launch);
            starting.put(name, CompletableFuture.supplyAsync(() -> startService(name, launch)));
        });
        RuntimeException failure = null;
        for (Map.Entry<String, CompletableFuture<ServiceProcess>> started : starting.entrySet()) {
            try {
                services.put(started.getKey(), started.getValue().join());
            } catch (CompletionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException cause ? cause : e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static ServiceProcess startService(String name, Launch launch) {
        return ServiceProcess.start(name, launch.jar(), launch.properties(), launch.environment(), launch.log());
    }

    /** Kills a service as a crash would (SIGKILL). */
    public void kill(String name) {
        service(name).kill();
    }

    /** Stops a service as a scale-in would (SIGTERM: it leaves its consumer group), waiting until it is gone. */
    public void stop(String name) {
        service(name).close();
    }

    /** Starts a service again with the settings it first had (killing it first if it still runs). */
    public ServiceProcess restart(String name) {
        service(name).kill();
        ServiceProcess restarted = startService(name, launches.get(name));
        services.put(name, restarted);
        return restarted;
    }

    /** Starts stopped services again at the same time, as a scale-out would, each with the settings it first had. */
    public void restartTogether(String... names) {
        Map<String, Launch> toStart = new LinkedHashMap<>();
        for (String name : names) {
            service(name).kill();
            toStart.put(name, launches.get(name));
        }
        startTogether(toStart);
    }

    /**
     * Starts a service again with extra settings on top of the ones it first had (killing it first if it still runs),
     * e.g. a fault-injection point; {@link #restart} goes back to the original settings.
     */
    public ServiceProcess restartWith(String name, Map<String, String> extraProperties) {
        service(name).kill();
        Launch original = launches.get(name);
        Map<String, String> properties = new HashMap<>(original.properties());
        properties.putAll(extraProperties);
        ServiceProcess restarted = startService(
                name, new Launch(original.jar(), Map.copyOf(properties), original.environment(), original.log()));
        services.put(name, restarted);
        return restarted;
    }

    /** Starts one more instance of a service, named {@code name}, with the settings {@code copyOf} was started with. */
    public ServiceProcess startAnother(String copyOf, String name) {
        Launch original = launches.get(copyOf);
        Launch launch = new Launch(
                original.jar(),
                original.properties(),
                original.environment(),
                original.log().resolveSibling(name + ".log"));
        launches.put(name, launch);
        ServiceProcess started = startService(name, launch);
        services.put(name, started);
        return started;
    }

    private ServiceProcess service(String name) {
        ServiceProcess service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("no service " + name + "; there are " + services.keySet());
        }
        return service;
    }

    private static String newToken() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static Path jar(Path repository, String module) {
        Path jar = repository.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw -B package -DskipTests)");
        }
        return jar;
    }

    private <T extends AutoCloseable> T track(T resource) {
        started.add(resource);
        return resource;
    }

    public PostgresServer.Database database() {
        return database;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    public ServiceProcess planner() {
        return service("planner");
    }

    public List<ServiceProcess> workers() {
        return services.values().stream()
                .filter(s -> s.name().startsWith("worker-"))
                .toList();
    }

    public ServiceProcess verifier() {
        return service("verifier");
    }

    public String apiToken() {
        return apiToken;
    }

    public PlannerClient plannerClient() {
        return new PlannerClient(planner().baseUrl(), apiToken);
    }

    /** Stops the services, then the rest in reverse order of starting; one failure does not keep the rest running. */
    @Override
    public void close() {
        // Services stop together (each takes seconds to leave its consumer group), before what they depend on.
        List<Thread> stopping = services.values().stream()
                .map(service -> new Thread(service::close, "stop-" + service.name()))
                .toList();
        stopping.forEach(Thread::start);
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        services.clear();
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("colshift: while stopping: " + e);
            }
        }
        started.clear();
    }
}
