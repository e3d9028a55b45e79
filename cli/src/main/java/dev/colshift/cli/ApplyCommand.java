package dev.colshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.colshift.schemas.EventCodec;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code colshift apply FILE}: submits the change and follows it until it ends. */
@Command(
        name = "apply",
        mixinStandardHelpOptions = true,
        description = "Submit a change and follow it with a live progress line until it ends. Exit 0 only when every"
                + " migration it started COMPLETED (verified).")
public final class ApplyCommand implements Callable<Integer> {
    @Mixin
    ChangeOptions change;

    @Mixin
    PlannerOptions planner;

    @Option(names = "--no-wait", description = "submit, print the migration id(s) and return without following")
    boolean noWait;

    @Option(
            names = "--timeout",
            paramLabel = "MINUTES",
            description = "stop following after this many minutes, exit 1; the migration goes on (default: no limit)",
            defaultValue = "0")
    long timeoutMinutes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ChangeFile file = change.read();
        PlannerClient client = planner.client();
        PlannerAnswer answer = client.submit(file);
        if (noWait || !answer.successful()) {
            planner.expect(answer, "migrations", out);
        }
        List<JsonNode> migrations = PlanReport.migrations(answer.json());
        if (!planner.json()) {
            for (JsonNode migration : migrations) {
                JsonNode plan = migration.path("plan");
                out.printf(
                        "migration %s accepted: %s.%s.%s, %d step(s)%n",
                        migration.path("id").asText(),
                        plan.path("schema").asText(),
                        plan.path("table").asText(),
                        plan.path("column").asText(),
                        plan.path("steps").size());
            }
            PlanReport.printNotes(answer.json(), out);
            out.flush();
        }
        if (noWait) {
            return ExitCode.OK;
        }
        int exit = ExitCode.OK;
        ArrayNode ends = EventCodec.mapper().createArrayNode();
        for (JsonNode migration : migrations) {
            String id = migration.path("id").asText();
            JsonNode end = Following.toEnd(client, id, timeoutMinutes, out, !planner.json());
            ends.add(end);
            int outcome = planner.json()
                    ? (MigrationWatcher.completed(end) ? ExitCode.OK : ExitCode.MIGRATION_FAILED)
                    : Following.report(end, out);
            exit = Math.max(exit, outcome);
        }
        if (planner.json()) {
            out.println(
                    ends.size() == 1
                            ? ends.get(0)
                            : EventCodec.mapper().createObjectNode().set("migrations", ends));
            out.flush();
        }
        return exit;
    }
}
