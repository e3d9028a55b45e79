package dev.colshift.cli;

import dev.colshift.testkit.PostgresServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Starts the local stack and leaves it running until interrupted (Ctrl-C), printing where everything is.
 *
 * <p>Database: {@code --database NAME} if given, else the one {@code COLSHIFT_PG_URL} names, is used as it is and never
 * dropped; with neither, a scratch database is created and dropped on shutdown.
 */
@Command(name = "up", mixinStandardHelpOptions = true, description = "Start the local stack and keep it running.")
public final class UpCommand implements Callable<Integer> {
    @Option(
            names = "--workers",
            description = "backfill worker processes (default: ${DEFAULT-VALUE})",
            defaultValue = "2")
    int workers;

    @Option(
            names = "--database",
            paramLabel = "NAME",
            description = "use this database as it is (created only if it does not exist); colshift adds its"
                    + " colshift schema and never drops it, even if it created it. Default: the database"
                    + " COLSHIFT_PG_URL names; if it names none (or PostgreSQL is embedded), a scratch database"
                    + " colshift_local_<random> that is dropped on shutdown.")
    String database;

    /** What {@code up} runs against: see {@link #database}. */
    LocalStack.Target target() {
        return database != null
                ? LocalStack.Target.named(database)
                : LocalStack.Target.urlDatabaseOrScratch("colshift_local");
    }

    @Override
    public Integer call() throws Exception {
        Path run = ColshiftCommand.newRunDirectory();
        LocalStack stack;
        try {
            stack = LocalStack.start(ColshiftCommand.home(), run, target(), workers, ColshiftCommand.externalKafka());
        } catch (RuntimeException e) {
            System.err.println("colshift up: " + describe(e) + " (logs in " + run.resolve("logs") + ")");
            return 1;
        }
        PostgresServer.Database db = stack.database();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            System.out.println("colshift stopped" + (db.createdHere() ? "" : "; database " + db.name() + " kept"));
            stopped.countDown();
        }));
        String plannerUrl = stack.planner().baseUrl();
        System.out.println("colshift is up (Ctrl-C stops everything):");
        System.out.println("  status page     " + plannerUrl + "/");
        System.out.println("  planner API     " + plannerUrl + "/migrations");
        System.out.println("  API token       " + stack.apiToken());
        stack.workers().forEach(w -> System.out.println("  " + w.name() + "        " + w.baseUrl() + "/q/health"));
        System.out.println("  verifier        " + stack.verifier().baseUrl() + "/q/health");
        System.out.println("  Kafka           " + stack.kafkaBootstrapServers());
        System.out.println("  PostgreSQL      " + db.jdbcUrl() + " (user " + db.user() + ")");
        System.out.println("  database        " + db.name()
                + (db.createdHere()
                        ? " (scratch, created by colshift, dropped on shutdown)"
                        : " (used as it is; colshift adds only its colshift schema and never drops it)"));
        System.out.println("  logs            " + run.resolve("logs"));
        System.out.println("paste into your shell:");
        System.out.println("  export COLSHIFT_PLANNER_URL=" + plannerUrl + " COLSHIFT_API_TOKEN=" + stack.apiToken());
        System.out.println("example:");
        if (db.createdHere()) {
            System.out.println("  psql -h " + db.host() + " -p " + db.port() + " -U " + db.user() + " " + db.name()
                    + " -c 'CREATE TABLE t (id bigint PRIMARY KEY); INSERT INTO t SELECT generate_series(1, 100000)'");
        }
        System.out.println("  curl -s -X POST -H \"Authorization: Bearer $COLSHIFT_API_TOKEN\""
                + " -H 'Content-Type: application/json' \\");
        System.out.println(
                "    -d '{\"table\":\"t\",\"column\":\"c\",\"type\":\"int\",\"defaultExpression\":\"0\",\"nullable\":false}'"
                        + " \"$COLSHIFT_PLANNER_URL/migrations\"");
        stopped.await();
        return 0;
    }

    private static String describe(Throwable e) {
        StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            message.append(": ").append(cause.getMessage());
        }
        return message.toString();
    }
}
