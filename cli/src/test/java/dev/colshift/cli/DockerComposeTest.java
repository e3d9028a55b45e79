package dev.colshift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot be run here (no Docker engine), so what can be checked without one is: each colshift
 * service is built from its own module's packaged jar, and every environment variable it sets is a setting that
 * service reads (a key of its application.properties, in Quarkus' environment-variable spelling).
 */
class DockerComposeTest {
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Map<String, String> SERVICE_MODULES =
            Map.of("planner", "planner-service", "backfill-worker", "backfill-worker", "verifier", "verifier-service");

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceVariableIsASettingTheServiceReads() throws IOException {
        Map<String, Object> compose;
        try (Reader reader = Files.newBufferedReader(REPOSITORY.resolve("docker-compose.yml"))) {
            compose = new Yaml().load(reader);
        }
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        assertTrue(services.keySet()
                .containsAll(Set.of("kafka", "postgres", "jaeger", "planner", "backfill-worker", "verifier")));
        assertEquals("broker,controller", environment(services, "kafka").get("KAFKA_PROCESS_ROLES"), "KRaft mode");

        for (var entry : SERVICE_MODULES.entrySet()) {
            Map<String, Object> service = (Map<String, Object>) services.get(entry.getKey());
            Map<String, Object> build = (Map<String, Object>) service.get("build");
            Path module = REPOSITORY.resolve((String) build.get("context")).normalize();
            assertEquals(REPOSITORY.resolve(entry.getValue()), module, entry.getKey() + " build context");
            String dockerfile = Files.readString(module.resolve((String) build.get("dockerfile")));
            assertTrue(dockerfile.contains("target/quarkus-app"), entry.getKey() + " runs the packaged jar");

            Set<String> understood = settingsAsEnvironmentVariables(module);
            Map<String, Object> env = environment(services, entry.getKey());
            assertFalse(env.isEmpty());
            assertEquals("false", env.get("QUARKUS_OTEL_SDK_DISABLED"), entry.getKey() + " traces");
            assertEquals(
                    "http://jaeger:4317",
                    env.get("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT"),
                    entry.getKey() + " exports its spans to the compose file's Jaeger");
            for (String variable : env.keySet()) {
                assertTrue(
                        understood.contains(variable),
                        entry.getKey() + " does not read " + variable + "; it reads " + understood);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Map<String, Object> services, String name) {
        return (Map<String, Object>) ((Map<String, Object>) services.get(name)).get("environment");
    }

    /**
     * The module's settings as Quarkus maps them to environment variables: the keys of its application.properties (any
     * profile) and the colshift settings its configuration interfaces declare.
     */
    private static Set<String> settingsAsEnvironmentVariables(Path module) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(module.resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        return Stream.concat(properties.stringPropertyNames().stream(), SettingsTableTest.declared(module).stream())
                .map(key -> key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key)
                .map(key -> key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase())
                .collect(Collectors.toSet());
    }
}
