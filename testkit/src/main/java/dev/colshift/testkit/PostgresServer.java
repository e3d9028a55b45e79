package dev.colshift.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * A real PostgreSQL server for tests: the one named by {@code COLSHIFT_PG_URL} if that is set,
 * otherwise an embedded PostgreSQL (17, or the major in {@code COLSHIFT_PG_MAJOR}) started on 127.0.0.1.
 *
 * <p>Only a database this object created ({@link #createDatabase}, {@link #createNamedDatabase}) can be dropped
 * through it: a handle from {@link #database(String)} names a database someone else owns, and its {@code drop()}
 * refuses.
 */
public final class PostgresServer implements AutoCloseable {

    /** Environment variable naming an external server, as {@code postgresql://user[:password]@host:port/dbname}. */
    public static final String URL_ENV = "COLSHIFT_PG_URL";

    /** Environment variable naming the major version {@link #startOrConnect} starts embedded, e.g. {@code 14}. */
    public static final String MAJOR_ENV = "COLSHIFT_PG_MAJOR";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String DUPLICATE_DATABASE = "42P04";

    private final EmbeddedPostgres embedded;
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String adminDatabase;
    private final String urlDatabase;
    private final Path workDir;

    private PostgresServer(
            EmbeddedPostgres embedded,
            String host,
            int port,
            String user,
            String password,
            String adminDatabase,
            String urlDatabase,
            Path workDir) {
        this.embedded = embedded;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.adminDatabase = adminDatabase;
        this.urlDatabase = urlDatabase;
        this.workDir = workDir;
    }

    /**
     * Connects to the server in {@code COLSHIFT_PG_URL}, or starts an embedded one under {@code workDir} (of the
     * major in {@code COLSHIFT_PG_MAJOR}, {@link PostgresVersions#DEFAULT} when that is unset).
     */
    public static PostgresServer startOrConnect(Path workDir) {
        String url = System.getenv(URL_ENV);
        return url == null || url.isBlank() ? startEmbedded(majorFromEnv(), workDir) : external(url);
    }

    private static int majorFromEnv() {
        String major = System.getenv(MAJOR_ENV);
        if (major == null || major.isBlank()) {
            return PostgresVersions.DEFAULT;
        }
        try {
            return Integer.parseInt(major.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    MAJOR_ENV + " must be one of " + PostgresVersions.SUPPORTED + ", got " + major);
        }
    }

    static PostgresServer external(String url) {
        URI uri = URI.create(url.trim());
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())
                || uri.getHost() == null
                || uri.getRawUserInfo() == null) {
            throw new IllegalArgumentException(
                    URL_ENV + " must look like postgresql://user[:password]@host:port/dbname, got " + url);
        }
        String[] userInfo = uri.getRawUserInfo().split(":", 2);
        String password = userInfo.length > 1 ? decode(userInfo[1]) : "";
        String named = uri.getPath() == null || uri.getPath().length() <= 1
                ? null
                : decode(uri.getPath().substring(1));
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        return new PostgresServer(
                null,
                uri.getHost(),
                port,
                decode(userInfo[0]),
                password,
                named == null ? "postgres" : named,
                named,
                null);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /**
     * Starts an embedded PostgreSQL of {@code major} (one of {@link PostgresVersions#available()}) on 127.0.0.1 and a
     * free port, with its files under {@code workDir}; {@link #close()} stops it.
     */
    public static PostgresServer startEmbedded(int major, Path workDir) {
        Path dir = workDir.toAbsolutePath();
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setPgBinaryResolver(PostgresVersions.resolver(major))
                    .setOverrideWorkingDirectory(dir.resolve("pg-work").toFile())
                    .setDataDirectory(dir.resolve("pg-data"))
                    .setCleanDataDirectory(true)
                    .setPort(FreePorts.pick())
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            return new PostgresServer(pg, "127.0.0.1", pg.getPort(), "postgres", "", "postgres", null, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL " + major + " under " + dir, e);
        }
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    /** The password, or an empty string when the server needs none. */
    public String password() {
        return password;
    }

    /**
     * The database {@code COLSHIFT_PG_URL} names in its path ({@code postgresql://…/mydb}), if it names one: the
     * user's database, to be used as it is and never dropped. Empty for the embedded server or a URL without a path.
     */
    public Optional<String> urlDatabase() {
        return Optional.ofNullable(urlDatabase);
    }

    /** Whether this server was started here (rather than named by {@code COLSHIFT_PG_URL}). */
    public boolean embedded() {
        return embedded != null;
    }

    /** The server's version number, e.g. {@code 17.7}. */
    public String serverVersion() {
        try (Connection c = database(adminDatabase).connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select current_setting('server_version')")) {
            rs.next();
            // Distribution builds append a suffix such as " (Debian 15.20-0+deb12u1)".
            return rs.getString(1).split(" ", 2)[0];
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read server_version", e);
        }
    }

    /** Creates a database named {@code <prefix>_<random lowercase suffix>}. */
    public Database createDatabase(String prefix) {
        StringBuilder name = new StringBuilder(prefix).append('_');
        for (int i = 0; i < 10; i++) {
            name.append((char) ('a' + RANDOM.nextInt(26)));
        }
        Database database = new Database(this, name.toString(), true);
        database.adminExecute("create database " + quote(database.name()));
        return database;
    }

    /**
     * Creates a database with exactly this name, which {@link Database#drop()} may then drop.
     *
     * @throws DatabaseExistsException if a database of that name already exists (it is left as it is)
     */
    public Database createNamedDatabase(String name) {
        Database database = new Database(this, name, true);
        try (Connection c = connect(adminDatabase);
                Statement s = c.createStatement()) {
            s.execute("create database " + quote(name));
        } catch (SQLException e) {
            if (DUPLICATE_DATABASE.equals(e.getSQLState())) {
                throw new DatabaseExistsException(database);
            }
            throw new IllegalStateException("cannot create database " + database, e);
        }
        return database;
    }

    /**
     * A handle on a database of this server that may or may not exist yet, owned by someone else: it can be used,
     * and created if missing ({@link Database#createIfMissing()}), but never dropped through this handle.
     */
    public Database database(String name) {
        return new Database(this, name, false);
    }

    /** Thrown by {@link #createNamedDatabase} when the name is taken. */
    public static final class DatabaseExistsException extends IllegalStateException {
        private DatabaseExistsException(Database database) {
            super("database " + database + " already exists");
        }
    }

    /** Stops the embedded server and removes its files; does nothing for an external server. */
    @Override
    public void close() {
        if (embedded == null) {
            return;
        }
        try {
            embedded.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop embedded PostgreSQL", e);
        } finally {
            Dirs.deleteRecursively(workDir.resolve("pg-data"));
            Dirs.deleteRecursively(workDir.resolve("pg-work"));
        }
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (!password.isEmpty()) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** One database on a {@link PostgresServer}, with the URLs and credentials clients need. */
    public static final class Database {

        private final PostgresServer server;
        private final String name;
        private final boolean createdHere;

        private Database(PostgresServer server, String name, boolean createdHere) {
            this.server = server;
            this.name = name;
            this.createdHere = createdHere;
        }

        public String name() {
            return name;
        }

        /** {@code jdbc:postgresql://host:port/name}. */
        public String jdbcUrl() {
            return server.jdbcUrl(name);
        }

        /** {@code postgresql://host:port/name}, the form {@code quarkus.datasource.reactive.url} takes. */
        public String reactiveUrl() {
            return "postgresql://" + server.host + ":" + server.port + "/" + name;
        }

        public String host() {
            return server.host;
        }

        public int port() {
            return server.port;
        }

        public String user() {
            return server.user;
        }

        /** The password, or an empty string when the server needs none. */
        public String password() {
            return server.password;
        }

        /** Opens a new JDBC connection to this database. */
        public Connection connect() throws SQLException {
            return server.connect(name);
        }

        /** Whether this handle created the database (and so {@link #drop()} may drop it). */
        public boolean createdHere() {
            return createdHere;
        }

        /** Whether a database of this name exists on the server. */
        public boolean exists() {
            try (Connection c = server.connect(server.adminDatabase);
                    PreparedStatement ps = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot look up database " + this, e);
            }
        }

        /**
         * Creates the database if there is none of this name; an existing one is left exactly as it is. Either way
         * this handle does not own it: {@link #drop()} still refuses.
         *
         * @return whether it was created
         */
        public boolean createIfMissing() {
            if (exists()) {
                return false;
            }
            try (Connection c = server.connect(server.adminDatabase);
                    Statement s = c.createStatement()) {
                s.execute("create database " + quote(name));
                return true;
            } catch (SQLException e) {
                if (DUPLICATE_DATABASE.equals(e.getSQLState())) {
                    return false; // created by someone else in the meantime: theirs
                }
                throw new IllegalStateException("cannot create database " + this, e);
            }
        }

        /**
         * Ends the other sessions on this database and drops it if it exists. Only for a database this handle
         * created ({@link PostgresServer#createDatabase}, {@link PostgresServer#createNamedDatabase}).
         *
         * @throws IllegalStateException for any other database, which is left untouched
         */
        public void drop() {
            if (!createdHere) {
                throw new IllegalStateException(
                        "refusing to drop database " + this + ": colshift drops only databases it created");
            }
            for (int attempt = 1; ; attempt++) {
                try (Connection c = server.connect(server.adminDatabase)) {
                    try (PreparedStatement terminate = c.prepareStatement(
                            "select pg_terminate_backend(pid) from pg_stat_activity where datname = ? and pid <> pg_backend_pid()")) {
                        terminate.setString(1, name);
                        terminate.executeQuery().close();
                    }
                    try (Statement s = c.createStatement()) {
                        s.execute("drop database if exists " + quote(name));
                    }
                    return;
                } catch (SQLException e) {
                    // 55006: a client reconnected between the terminate and the drop; end it again.
                    if (!"55006".equals(e.getSQLState()) || attempt >= 5) {
                        throw new IllegalStateException("cannot drop database " + name, e);
                    }
                }
            }
        }

        private void adminExecute(String sql) {
            try (Connection c = server.connect(server.adminDatabase);
                    Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("failed on " + server.host + ":" + server.port + ": " + sql, e);
            }
        }

        @Override
        public String toString() {
            return name + "@" + server.host + ":" + server.port;
        }
    }
}
