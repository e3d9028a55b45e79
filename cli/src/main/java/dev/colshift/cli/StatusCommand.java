package dev.colshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code colshift status [ID]}: one migration's status, or the planner's list of migrations. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Show one migration (phase, progress, detail, verification), or without ID the planner's list"
                + " of migrations, newest first (GET /migrations). Exit 0 when the planner answered.")
public final class StatusCommand implements Callable<Integer> {
    @Parameters(
            paramLabel = "ID",
            arity = "0..1",
            description = "the migration id; without it, list the newest migrations")
    String id;

    @Option(
            names = "--limit",
            paramLabel = "N",
            description = "without ID: list at most N migrations, newest first (the planner's default: 50)")
    Integer limit;

    @Mixin
    PlannerOptions planner;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PlannerClient client = planner.client();
        if (id == null) {
            String path = limit == null ? "/migrations" : "/migrations?limit=" + limit;
            JsonNode list =
                    planner.expect(client.get(path), "listing migrations", out).json();
            if (!planner.json()) {
                JsonNode migrations = list.isArray() ? list : list.path("migrations");
                migrations.forEach(m -> out.println(summary(m)));
                out.printf("%d migration(s)%n", migrations.size());
            }
        } else {
            JsonNode status = planner.expect(client.get("/migrations/" + PlannerClient.encode(id)), "status", out)
                    .json();
            if (!planner.json()) {
                out.println(summary(status));
                out.println("  " + ProgressLine.of(status));
                if (status.hasNonNull("detail")) {
                    out.println("  detail: " + status.path("detail").asText());
                }
                JsonNode checks = status.path("verification");
                if (!checks.isEmpty()) {
                    long passed = 0;
                    for (JsonNode check : checks) {
                        passed += check.path("passed").asBoolean() ? 1 : 0;
                    }
                    out.printf("  verification: %d of %d checks passed%n", passed, checks.size());
                }
                if (status.hasNonNull("traceId")) {
                    out.println("  trace: " + status.path("traceId").asText());
                }
            }
        }
        out.flush();
        return ExitCode.OK;
    }

    private static String summary(JsonNode m) {
        return String.format(
                "%-28s %-12s %s.%s %s%s",
                m.path("id").asText(),
                m.path("phase").asText(),
                m.path("table").asText(),
                m.path("column").asText(),
                m.path("type").asText(),
                m.has("percent") ? String.format("  %.1f%%", m.path("percent").asDouble()) : "");
    }
}
