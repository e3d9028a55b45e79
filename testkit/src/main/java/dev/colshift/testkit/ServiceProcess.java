package dev.colshift.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One packaged Quarkus service ({@code quarkus-run.jar}) running in its own JVM on 127.0.0.1. */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final int LOG_TAIL_LINES = 40;

    private final String name;
    private final int port;
    private final Process process;
    private final Path logFile;

    private ServiceProcess(String name, int port, Process process, Path logFile) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Starts {@code java -jar quarkusRunJar} on a free port with the given system properties, output appended to
     * {@code logFile}, and waits until {@code /q/health/ready} answers 200.
     */
    public static ServiceProcess start(String name, Path quarkusRunJar, Map<String, String> properties, Path logFile) {
        return start(name, quarkusRunJar, properties, Map.of(), logFile);
    }

    /**
     * As {@link #start(String, Path, Map, Path)}, with environment variables added: the place for secrets (API token,
     * passwords), which system properties would show to anyone who can list processes.
     */
    public static ServiceProcess start(
            String name,
            Path quarkusRunJar,
            Map<String, String> properties,
            Map<String, String> environment,
            Path logFile) {
        // a port the caller fixed (so that others can be told it before the service starts) or a free one
        int port = properties.containsKey("quarkus.http.port")
                ? Integer.parseInt(properties.get("quarkus.http.port"))
                : FreePorts.pick();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.http.port=" + port);
        properties.forEach((key, value) -> {
            if (!key.equals("quarkus.http.port")) {
                command.add("-D" + key + "=" + value);
            }
        });
        command.add("-jar");
        command.add(quarkusRunJar.toAbsolutePath().toString());

        Process process;
        try {
            Path parent = logFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            process = builder.redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " from " + quarkusRunJar, e);
        }
        ServiceProcess service = new ServiceProcess(name, port, process, logFile);
        try {
            service.awaitReady();
            return service;
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
    }

    private void awaitReady() {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with code " + process.exitValue()
                            + " before it was ready; log " + logFile + " ends with:\n" + logTail());
                }
                try {
                    if (http.send(request, HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200) {
                        return;
                    }
                } catch (IOException notListeningYet) {
                    // keep polling
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + " not ready on port " + port + " after " + READY_TIMEOUT
                            + "; log " + logFile + " ends with:\n" + logTail());
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    private String logTail() {
        try {
            List<String> lines = new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the service at once (SIGKILL), as a crash would: no shutdown hooks, no goodbyes to Kafka. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the service to stop (SIGTERM), waits up to 15 s, then kills it. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
