package dev.colshift.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts the local stack and leaves it running until interrupted (Ctrl-C), printing where everything is. */
@Command(name = "up", mixinStandardHelpOptions = true, description = "Start the local stack and keep it running.")
public final class UpCommand implements Callable<Integer> {
    @Option(
            names = "--workers",
            description = "backfill worker processes (default: ${DEFAULT-VALUE})",
            defaultValue = "2")
    int workers;

    @Option(
            names = "--database",
            description = "database to create (dropped first if it exists; default: ${DEFAULT-VALUE})",
            defaultValue = "colshift_local")
    String database;

    @Override
    public Integer call() throws Exception {
        Path run = ColshiftCommand.newRunDirectory();
        LocalStack stack =
                LocalStack.start(ColshiftCommand.home(), run, database, workers, ColshiftCommand.externalKafka());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }));
        System.out.println("colshift is up (Ctrl-C stops everything):");
        System.out.println("  planner API     " + stack.planner().baseUrl() + "/migrations");
        System.out.println("  API token       " + stack.apiToken());
        stack.workers().forEach(w -> System.out.println("  " + w.name() + "        " + w.baseUrl() + "/q/health"));
        System.out.println("  verifier        " + stack.verifier().baseUrl() + "/q/health");
        System.out.println("  Kafka           " + stack.kafkaBootstrapServers());
        System.out.println("  PostgreSQL      " + stack.database().jdbcUrl() + " (user "
                + stack.database().user() + ")");
        System.out.println("  logs            " + run.resolve("logs"));
        System.out.println("example:");
        System.out.println(
                "  psql -h 127.0.0.1 -p " + stack.database().jdbcUrl().replaceAll(".*:(\\d+)/.*", "$1") + " -U "
                        + stack.database().user() + " " + stack.database().name()
                        + " -c 'CREATE TABLE t (id bigint PRIMARY KEY); INSERT INTO t SELECT generate_series(1, 100000)'");
        System.out.println("  curl -s -X POST -H 'Authorization: Bearer " + stack.apiToken()
                + "' -H 'Content-Type: application/json' \\");
        System.out.println(
                "    -d '{\"table\":\"t\",\"column\":\"c\",\"type\":\"int\",\"defaultExpression\":\"0\",\"nullable\":false}' "
                        + stack.planner().baseUrl() + "/migrations");
        stopped.await();
        return 0;
    }
}
