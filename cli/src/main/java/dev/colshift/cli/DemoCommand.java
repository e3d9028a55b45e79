package dev.colshift.cli;

import dev.colshift.testkit.PostgresServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The main job: real migrations on a demo table. Starts the stack, creates {@code users} with N rows and, while an
 * application keeps writing, runs two changes through colshift (see {@link DemoMigrations}): the seed's {@code ADD
 * COLUMN last_login timestamptz DEFAULT now() NOT NULL} sent as SQL, metadata-only, and a derived {@code plan_code}
 * sent as a JSON spec, backfilled with live progress. Each ends with the verifier's report; exit 0 only when both are
 * verified.
 *
 * <p>The demo runs in a database {@value #DATABASE} it creates and drops afterwards. If a database of that name
 * already exists, the demo did not create it in this run, so it refuses to start and leaves it alone (exit 2).
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Run two verified zero-downtime migrations on a demo users table: the seed statement"
                + " (metadata-only) and a derived column (backfilled).")
public final class DemoCommand implements Callable<Integer> {
    static final String DATABASE = "colshift_demo";

    /** The seed as a JSON spec, for the end-to-end tests. */
    static final String SEED_SPEC = """
            {"table": "users", "column": "last_login", "type": "timestamptz",
             "defaultExpression": "now()", "nullable": false, "batchSize": %d}""";

    @Spec
    CommandSpec spec;

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
            description = "keys per backfill range of the second migration (default: ${DEFAULT-VALUE})",
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
            spec.commandLine().getErr().println("colshift demo: --rows, --workers and --batch-size must be positive");
            return 2;
        }
        PrintWriter out = spec.commandLine().getOut();
        Path run = ColshiftCommand.newRunDirectory();
        out.println("colshift demo: starting Kafka, PostgreSQL, planner, " + workers + " worker(s), verifier"
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
            spec.commandLine().getErr().println(refusal(e));
            return 2;
        }
        try (LocalStack stack = started) {
            out.printf("creating table users with %,d rows...%n", rows);
            out.flush();
            DemoTable.create(stack.database(), DemoMigrations.TABLE, rows);
            DemoMigrations demo =
                    new DemoMigrations(stack.database(), stack.plannerClient(), rows, timeoutMinutes, out);
            boolean metadataOnly = demo.metadataOnly();
            boolean backfilled = demo.backfilled(batchSize);
            return metadataOnly && backfilled ? ExitCode.OK : ExitCode.MIGRATION_FAILED;
        }
    }

    static String refusal(PostgresServer.DatabaseExistsException e) {
        return "colshift demo: " + e.getMessage() + " and was not created by this run, so the demo will not use or"
                + " drop it; drop it yourself if it is a leftover (DROP DATABASE " + DATABASE + ")";
    }
}
