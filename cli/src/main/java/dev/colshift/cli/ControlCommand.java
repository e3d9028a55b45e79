package dev.colshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A control request, {@code POST /migrations/{id}/<verb>}: the planner decides what it means for the migration's
 * phase. A planner without the route is said so ({@link ExitCode#NOT_SUPPORTED}), never worked around.
 */
abstract class ControlCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "the migration id")
    String id;

    @Mixin
    PlannerOptions planner;

    @Spec
    CommandSpec spec;

    /** The route's last segment, e.g. {@code pause}. */
    abstract String verb();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PlannerAnswer answer = planner.expect(
                planner.client().post("/migrations/" + PlannerClient.encode(id) + "/" + verb()), verb(), out);
        if (!planner.json()) {
            JsonNode body = answer.body() == null || answer.body().isBlank() ? null : answer.json();
            String phase = body == null ? "" : body.path("phase").asText("");
            out.println(verb() + " of " + id + " accepted (HTTP " + answer.status() + ")"
                    + (phase.isEmpty() ? "" : "; phase " + phase)
                    + (body != null && body.hasNonNull("detail")
                            ? ": " + body.path("detail").asText()
                            : ""));
            out.flush();
        }
        return ExitCode.OK;
    }
}
