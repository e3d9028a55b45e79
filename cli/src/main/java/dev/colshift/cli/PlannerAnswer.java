package dev.colshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colshift.schemas.EventCodec;
import java.io.IOException;

/**
 * One HTTP answer from a planner, and the one mapping from its status to an {@link ExitCode}: 2xx is success; a
 * problem+json refusal is bad input, told as {@code type: detail}; 401/403 and 5xx mean the planner is unavailable to
 * us; 404/405 without a problem body mean the route does not exist on this planner.
 */
public record PlannerAnswer(int status, String contentType, String body, String request) {
    static final String PROBLEM_JSON = "application/problem+json";
    private static final String NOT_FOUND_TYPE = "/problems/not-found";

    public boolean successful() {
        return status >= 200 && status < 300;
    }

    public boolean problem() {
        return contentType != null && contentType.startsWith(PROBLEM_JSON);
    }

    /** The body as JSON; an unreadable body fails as the planner misbehaving. */
    public JsonNode json() {
        try {
            JsonNode tree = EventCodec.mapper().readTree(body);
            if (tree == null || tree.isMissingNode()) {
                throw new CliFailure(ExitCode.PLANNER_UNAVAILABLE, request + " answered " + status + " with no body");
            }
            return tree;
        } catch (IOException e) {
            throw new CliFailure(
                    ExitCode.PLANNER_UNAVAILABLE,
                    request + " answered " + status + " with unreadable JSON: " + abbreviate(body));
        }
    }

    /**
     * This answer when successful; otherwise the failure it means.
     *
     * @param feature what the request asks of the planner, for the "does not support" line (e.g. {@code pause})
     */
    public PlannerAnswer orFail(String feature) {
        if (successful()) {
            return this;
        }
        throw failure(feature);
    }

    CliFailure failure(String feature) {
        if (status == 401 || status == 403) {
            return new CliFailure(
                    ExitCode.PLANNER_UNAVAILABLE,
                    "the planner refused the API token (HTTP " + status + " on " + request
                            + "): set COLSHIFT_API_TOKEN or pass --token");
        }
        if (status >= 500) {
            return new CliFailure(
                    ExitCode.PLANNER_UNAVAILABLE,
                    "the planner failed (HTTP " + status + " on " + request + ")" + problemOrBody());
        }
        boolean unknownMigration = problem() && json().path("type").asText().endsWith(NOT_FOUND_TYPE);
        if ((status == 404 || status == 405) && !unknownMigration) {
            return new CliFailure(
                    ExitCode.NOT_SUPPORTED,
                    "this planner does not support " + feature + " yet (HTTP " + status + " on " + request + ")");
        }
        if (problem()) {
            JsonNode problem = json();
            int more = problem.path("problems").size() - 1;
            return new CliFailure(
                    ExitCode.BAD_INPUT,
                    problem.path("type").asText("about:blank") + ": "
                            + problem.path("detail")
                                    .asText(problem.path("title").asText())
                            + (more > 0 ? " (and " + more + " more problem" + (more == 1 ? "" : "s") + ")" : ""));
        }
        return new CliFailure(ExitCode.BAD_INPUT, "HTTP " + status + " on " + request + problemOrBody());
    }

    private String problemOrBody() {
        if (problem()) {
            JsonNode problem = json();
            return ": " + problem.path("type").asText() + ": "
                    + problem.path("detail").asText();
        }
        return body == null || body.isBlank() ? "" : ": " + abbreviate(body);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
