package dev.colshift.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code colshift}: run the local stack and the demo migration, and talk to any planner's REST API (plan, apply,
 * status, watch, control, verify, audit). {@link #commandLine()} is the one way to build it, in {@link #main} and in
 * tests: it adds the exit-code table to every help and prints a failure as one line.
 */
@Command(
        name = "colshift",
        mixinStandardHelpOptions = true,
        version = "colshift 0.1.0",
        description = "Adds a column to a large, live PostgreSQL table with zero downtime and a verified result.",
        footerHeading = "%nPlanner commands%n",
        footer = "plan, apply, status, watch, pause, resume, cancel, rollback, verify and audit talk to a planner's"
                + " REST API, found through COLSHIFT_PLANNER_URL and COLSHIFT_API_TOKEN (or --planner and --token),"
                + " as `colshift up` prints them. --output json prints the planner's JSON answer.",
        subcommands = {
            DemoCommand.class,
            UpCommand.class,
            PlanCommand.class,
            ApplyCommand.class,
            StatusCommand.class,
            WatchCommand.class,
            PauseCommand.class,
            ResumeCommand.class,
            CancelCommand.class,
            RollbackCommand.class,
            RedriveCommand.class,
            VerifyCommand.class,
            AuditCommand.class
        })
public final class ColshiftCommand implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command tree: every help ends with the {@link ExitCode} table; a {@link CliFailure} is printed as {@code
     * colshift <command>: <one line>} with its exit code; a usage error as one line and exit 2.
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new ColshiftCommand());
        withExitCodes(commandLine);
        commandLine.setExecutionExceptionHandler((e, failed, parsed) -> {
            if (e instanceof CliFailure failure) {
                failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": " + failure.getMessage());
                failed.getErr().flush();
                return failure.exitCode();
            }
            throw e;
        });
        commandLine.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr()
                    .println(failed.getCommandSpec().qualifiedName() + ": " + e.getMessage() + " (see "
                            + failed.getCommandSpec().qualifiedName() + " --help)");
            failed.getErr().flush();
            return ExitCode.BAD_INPUT;
        });
        return commandLine;
    }

    private static void withExitCodes(CommandLine commandLine) {
        commandLine
                .getCommandSpec()
                .usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCode.descriptions());
        commandLine.getSubcommands().values().forEach(ColshiftCommand::withExitCodes);
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
