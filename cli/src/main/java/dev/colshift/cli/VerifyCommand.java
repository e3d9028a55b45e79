package dev.colshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code colshift verify ID}: asks the verifier, through the planner, to check a migration's end state again. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = "Ask for a migration to be verified again (POST /migrations/{id}/verify). When the answer"
                + " carries the checks, prints them: exit 0 when all passed, 1 when one failed. Exit 4 when this"
                + " planner does not support it yet.")
public final class VerifyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "the migration id")
    String id;

    @Mixin
    PlannerOptions planner;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PlannerAnswer answer = planner.expect(
                planner.client().post("/migrations/" + PlannerClient.encode(id) + "/verify"), "verify", out);
        JsonNode body = answer.body() == null || answer.body().isBlank() ? null : answer.json();
        JsonNode checks = body == null ? null : checks(body);
        if (checks == null) {
            if (!planner.json()) {
                out.println("verification of " + id + " requested (HTTP " + answer.status() + "); its report: colshift"
                        + " status " + id);
                out.flush();
            }
            return ExitCode.OK;
        }
        boolean allPassed = true;
        for (JsonNode check : checks) {
            boolean passed = check.path("passed").asBoolean();
            allPassed &= passed;
            if (!planner.json()) {
                out.println("  " + (passed ? "PASS" : "FAIL") + "  "
                        + check.path("name").asText() + ": "
                        + check.path("detail").asText());
            }
        }
        if (!planner.json()) {
            out.println((allPassed ? "verified: " : "NOT verified: ") + id);
            out.flush();
        }
        return allPassed ? ExitCode.OK : ExitCode.MIGRATION_FAILED;
    }

    /** The checks in an answer: the answer itself when it is a list, else its {@code verification} or {@code checks}. */
    static JsonNode checks(JsonNode answer) {
        if (answer.isArray()) {
            return answer;
        }
        for (String field : new String[] {"verification", "checks"}) {
            if (answer.path(field).isArray() && !answer.path(field).isEmpty()) {
                return answer.path(field);
            }
        }
        return null;
    }
}
