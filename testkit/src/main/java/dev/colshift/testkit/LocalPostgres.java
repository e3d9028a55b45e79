package dev.colshift.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server run from the machine's own binaries ({@code /usr/lib/postgresql/15/bin}, or the directory in
 * {@code COLSHIFT_PG_BIN}) with {@code initdb} and {@code pg_ctl}, on 127.0.0.1 and a free port, trust authentication,
 * files under a directory the caller names (under {@code target/}). It exists for what the embedded server cannot do:
 * its binaries include {@code pg_basebackup}, so it can be the primary of a {@link StreamingReplica}. PostgreSQL
 * refuses to run as root, so as root every binary runs as the {@code postgres} user ({@code runuser}). {@link #close()}
 * stops exactly this server ({@code pg_ctl stop} on its data directory, then its postmaster pid if need be).
 */
public final class LocalPostgres implements AutoCloseable {
    /** Environment variable naming the directory of the binaries, e.g. {@code /usr/lib/postgresql/16/bin}. */
    public static final String BIN_ENV = "COLSHIFT_PG_BIN";

    private static final String DEFAULT_BIN = "/usr/lib/postgresql/15/bin";
    private static final String OS_USER = "postgres";

    private final Path bin;
    private final Path dataDir;
    private final int port;

    LocalPostgres(Path bin, Path dataDir, int port) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
    }

    /** Why no server can be started here, or empty when one can. */
    public static Optional<String> unavailableReason() {
        Path bin = bin();
        for (String tool : List.of("initdb", "pg_ctl", "pg_basebackup", "postgres")) {
            if (!Files.isExecutable(bin.resolve(tool))) {
                return Optional.of("no " + tool + " in " + bin + " (set " + BIN_ENV + ")");
            }
        }
        if (runningAsRoot() && !Files.isExecutable(Path.of("/usr/sbin/runuser"))) {
            return Optional.of("running as root without runuser to start PostgreSQL as " + OS_USER);
        }
        return Optional.empty();
    }

    /** Whether {@link #unavailableReason()} is empty; for {@code @EnabledIf}. */
    public static boolean available() {
        return unavailableReason().isEmpty();
    }

    /** A handle on a server yet to be created in {@code dataDir}, with the same binaries, on a free port. */
    static LocalPostgres notStarted(Path dataDir) {
        return new LocalPostgres(bin(), dataDir, FreePorts.pick());
    }

    /** Creates a new cluster in {@code workDir}/data (which must not exist yet) and starts it. */
    public static LocalPostgres start(Path workDir) {
        unavailableReason().ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
        Path dir = workDir.toAbsolutePath();
        Path data = dir.resolve("data");
        prepareDirectory(dir);
        LocalPostgres server = new LocalPostgres(bin(), data, FreePorts.pick());
        server.run(
                Duration.ofSeconds(120),
                "initdb",
                "-D",
                data.toString(),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync");
        server.startServer();
        return server;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** {@code jdbc:postgresql://127.0.0.1:port/database}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** {@code postgresql://127.0.0.1:port/database}, the form {@code quarkus.datasource.reactive.url} takes. */
    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A connection as {@code postgres} to the {@code postgres} database. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
    }

    void startServer() {
        // no Unix socket: its path could exceed the 107-byte limit under target/, and nothing here needs it
        run(
                Duration.ofSeconds(120),
                "pg_ctl",
                "-D",
                dataDir.toString(),
                "-l",
                dataDir.resolveSibling(dataDir.getFileName() + ".log").toString(),
                "-w",
                "-t",
                "60",
                "-o",
                "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c wal_level=replica"
                        + " -c max_wal_senders=10 -c fsync=off",
                "start");
    }

    /** Runs one of the binaries (as {@code postgres} when this JVM is root) and fails with its output if it fails. */
    void run(Duration timeout, String tool, String... args) {
        List<String> command = new ArrayList<>();
        if (runningAsRoot()) {
            command.addAll(List.of("/usr/sbin/runuser", "-u", OS_USER, "--"));
        }
        command.add(bin.resolve(tool).toString());
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile("colshift-" + tool, ".log");
            try {
                Process process = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(tool + " did not finish within " + timeout + ": " + command);
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(tool + " failed (exit " + process.exitValue() + "): " + command
                            + "\n" + Files.readString(output));
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }

    /** Stops this server: {@code pg_ctl stop -m fast} on its data directory, its postmaster's pid if that fails. */
    @Override
    public void close() {
        if (!Files.exists(dataDir.resolve("postmaster.pid"))) {
            return;
        }
        try {
            run(Duration.ofSeconds(60), "pg_ctl", "-D", dataDir.toString(), "-m", "fast", "-w", "stop");
        } catch (RuntimeException e) {
            postmasterPid().flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private Optional<Long> postmasterPid() {
        try {
            return Optional.of(Long.parseLong(
                    Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Creates {@code dir} and, as root, gives it to the {@code postgres} user (its parents must be traversable). */
    static void prepareDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            if (runningAsRoot()) {
                UserPrincipal owner =
                        dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
                Files.setOwner(dir, owner);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir + " for PostgreSQL", e);
        }
    }

    private static Path bin() {
        String configured = System.getenv(BIN_ENV);
        return Path.of(configured == null || configured.isBlank() ? DEFAULT_BIN : configured);
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
