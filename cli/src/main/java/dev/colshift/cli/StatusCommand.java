package dev.colshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code colshift status [ID]}: one migration's status, or the planner's list of migrations. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Show one migration (phase, progress, detail, verification), or without ID the planner's list"
                + " of migrations (GET /migrations, where the planner has it). Exit 0 when the planner answered.")
public final class StatusCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID", arity = "0..1", description = "the migration id; without it, list them all")
    String id;

    @Mixin
    PlannerOptions planner;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PlannerClient client = planner.client();
        if (id == null) {
            JsonNode list = planner.expect(client.get("/migrations"), "listing migrations", out)
                    .json();
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
