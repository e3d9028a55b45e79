package dev.colshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code colshift audit ID}: the migration's audit trail, who did what and when, with the SQL that ran. */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Show a migration's audit trail (GET /migrations/{id}/audit): when, who, what, outcome, and"
                + " the SQL run. Exit 4 when this planner does not support it yet.")
public final class AuditCommand implements Callable<Integer> {
    private static final List<String> WHEN = List.of("occurredAt", "occurred_at", "at", "timestamp");

    @Parameters(paramLabel = "ID", description = "the migration id")
    String id;

    @Mixin
    PlannerOptions planner;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        JsonNode trail = planner.expect(
                        planner.client().get("/migrations/" + PlannerClient.encode(id) + "/audit"), "audit", out)
                .json();
        if (!planner.json()) {
            JsonNode entries =
                    trail.isArray() ? trail : trail.has("entries") ? trail.path("entries") : trail.path("audit");
            entries.forEach(entry -> print(entry, out));
            out.printf("%d audit entr%s%n", entries.size(), entries.size() == 1 ? "y" : "ies");
            out.flush();
        }
        return ExitCode.OK;
    }

    private static void print(JsonNode entry, PrintWriter out) {
        String when = WHEN.stream()
                .filter(entry::hasNonNull)
                .map(field -> entry.path(field).asText())
                .findFirst()
                .orElse("");
        if (!entry.has("action")) {
            out.println(when + "  " + entry);
            return;
        }
        out.println(String.join(
                        "  ",
                        when,
                        entry.path("actor").asText(""),
                        entry.path("action").asText(),
                        entry.path("outcome").asText(""))
                .strip());
        if (entry.hasNonNull("detail")) {
            out.println("    " + entry.path("detail").asText());
        }
        if (entry.hasNonNull("sql")) {
            out.println("    SQL " + entry.path("sql").asText().replace("\n", "\n        "));
        }
    }
}
