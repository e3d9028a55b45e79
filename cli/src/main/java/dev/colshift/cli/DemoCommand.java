package dev.colshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colshift.testkit.PostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The main job: a real migration on a demo table. Starts the stack, creates {@code users} with N rows, runs the
 * seed's {@code ADD COLUMN last_login timestamptz DEFAULT now() NOT NULL} through colshift while an application keeps
 * writing, shows progress, and prints the verification report. Exit 0 only when verified.
 *
 * <p>The demo runs in a database {@value #DATABASE} it creates and drops afterwards. If a database of that name
 * already exists, the demo did not create it in this run, so it refuses to start and leaves it alone (exit 2).
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Run a verified zero-downtime migration on a demo users table.")
public final class DemoCommand implements Callable<Integer> {
    static final String DATABASE = "colshift_demo";

    static final String SEED_SPEC = """
            {"table": "users", "column": "last_login", "type": "timestamptz",
             "defaultExpression": "now()", "nullable": false, "batchSize": %d}""";

    @Option(
            names = "--rows",
            description = "rows in the demo table (default: ${DEFAULT-VALUE})",
            defaultValue = "1000000")
    long rows;

    @Option(
            names = "--workers",
            description = "backfill worker processes (default: ${DEFAULT-VALUE})",
            defaultValue = "2")
    int workers;

    @Option(
            names = "--batch-size",
            description = "keys per backfill range (default: ${DEFAULT-VALUE})",
            defaultValue = "10000")
    int batchSize;

    @Option(
            names = "--timeout",
            description = "give up after this many minutes (default: ${DEFAULT-VALUE})",
            defaultValue = "30")
    long timeoutMinutes;

    @Override
    public Integer call() throws Exception {
        if (rows < 1 || workers < 1 || batchSize < 1) {
            System.err.println("colshift demo: --rows, --workers and --batch-size must be positive");
            return 2;
        }
        Path run = ColshiftCommand.newRunDirectory();
        System.out.println("colshift demo: starting Kafka, PostgreSQL, planner, " + workers + " worker(s), verifier"
                + " (logs in " + run.resolve("logs") + ")");
        LocalStack started;
        try {
            started = LocalStack.start(
                    ColshiftCommand.home(),
                    run,
                    LocalStack.Target.own(DATABASE),
                    workers,
                    ColshiftCommand.externalKafka());
        } catch (PostgresServer.DatabaseExistsException e) {
            System.err.println(refusal(e));
            return 2;
        }
        try (LocalStack stack = started) {
            System.out.printf("creating table users with %,d rows...%n", rows);
            DemoTable.create(stack.database(), "users", rows);
            System.out.println(
                    "submitting: ALTER TABLE users ADD COLUMN last_login timestamptz DEFAULT now() NOT NULL");
            JsonNode end;
            try (ApplicationWriter app = new ApplicationWriter(
                    stack.database(), "users", rows, "last_login", "'2001-02-03 04:05:06+00'", false)) {
                String id = stack.plannerClient().submit(SEED_SPEC.formatted(batchSize));
                System.out.println("migration " + id + " accepted");
                end = MigrationWatcher.awaitEnd(
                        stack.plannerClient(),
                        id,
                        Duration.ofMinutes(timeoutMinutes),
                        status -> System.out.println("  " + ProgressLine.of(status)));
                System.out.printf(
                        "application during the migration: %,d writes, slowest %d ms, none failed%n",
                        app.statements(), app.slowestMillis());
            }
            return MigrationWatcher.printReport(end, new java.io.PrintWriter(System.out, true)) ? 0 : 1;
        }
    }

    static String refusal(PostgresServer.DatabaseExistsException e) {
        return "colshift demo: " + e.getMessage() + " and was not created by this run, so the demo will not use or"
                + " drop it; drop it yourself if it is a leftover (DROP DATABASE " + DATABASE + ")";
    }
}
