package dev.colshift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's settings table lists every {@code colshift.*} setting the services read, as their configuration
 * interfaces ({@code @ConfigMapping}) declare them, with its environment variable; and nothing they do not read.
 */
class SettingsTableTest {
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern PREFIX = Pattern.compile("@ConfigMapping\\(prefix = \"([a-z.-]+)\"\\)");
    /** A setting's accessor: {@code Duration lockTimeout();} (nested types and defaults elsewhere). */
    private static final Pattern ACCESSOR = Pattern.compile("(?m)^\\s+[\\w<>, ]+\\s+(\\w+)\\(\\);");

    private static final Pattern ROW = Pattern.compile("(?m)^\\| `(colshift\\.[a-z.-]+)` \\| `([A-Z_]+)` \\|");

    @Test
    void theReadmeListsEverySettingTheServicesReadAndNoOther() throws IOException {
        Set<String> declared = new TreeSet<>();
        for (String module : new String[] {"planner-service", "backfill-worker", "verifier-service"}) {
            try (Stream<Path> sources = Files.walk(REPOSITORY.resolve(module).resolve("src/main/java"))) {
                for (Path source :
                        sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String java = Files.readString(source);
                    Matcher prefix = PREFIX.matcher(java);
                    if (!prefix.find()) {
                        continue;
                    }
                    Matcher accessor = ACCESSOR.matcher(java);
                    while (accessor.find()) {
                        declared.add(prefix.group(1) + "." + kebab(accessor.group(1)));
                    }
                }
            }
        }
        assertTrue(declared.size() > 20, "found too few settings: " + declared);

        String readme = Files.readString(REPOSITORY.resolve("README.md"));
        Set<String> listed = new TreeSet<>();
        Matcher row = ROW.matcher(readme);
        while (row.find()) {
            listed.add(row.group(1));
            assertEquals(
                    row.group(1).toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'),
                    row.group(2),
                    "the environment variable of " + row.group(1));
        }
        assertEquals(declared, listed, "README settings table vs the services' configuration interfaces");
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
