package dev.colshift.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code colshift}: run the local stack and the demo migration. */
@Command(
        name = "colshift",
        mixinStandardHelpOptions = true,
        version = "colshift 0.1.0",
        description = "Adds a column to a large, live PostgreSQL table with zero downtime and a verified result.",
        subcommands = {DemoCommand.class, UpCommand.class})
public final class ColshiftCommand implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new ColshiftCommand()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** The checkout whose packaged services are run; the launcher script sets it. */
    static Path home() {
        return Path.of(System.getProperty("colshift.home", "."))
                .toAbsolutePath()
                .normalize();
    }

    /** {@code COLSHIFT_KAFKA_BOOTSTRAP}: an existing Kafka to use instead of starting one, or null. */
    static String externalKafka() {
        String bootstrap = System.getenv("COLSHIFT_KAFKA_BOOTSTRAP");
        return bootstrap == null || bootstrap.isBlank() ? null : bootstrap;
    }

    /** A fresh folder for this run's broker, database files and service logs. */
    static Path newRunDirectory() {
        return home().resolve(".colshift")
                .resolve("run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }
}
