package dev.colshift.cli;

import java.io.PrintWriter;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/**
 * What every command that talks to a planner takes: where it is, the API token, and how to print the answer. Mixed
 * into each such command.
 */
public final class PlannerOptions {
    static final String URL_ENV = "COLSHIFT_PLANNER_URL";
    static final String TOKEN_ENV = "COLSHIFT_API_TOKEN";

    /** How a command prints: for people, or the planner's own JSON for scripts. */
    public enum Output {
        text,
        json
    }

    @Option(
            names = "--planner",
            paramLabel = "URL",
            description = "the planner's base URL (default: $" + URL_ENV + ", which `colshift up` prints)")
    String planner;

    @Option(
            names = "--token",
            paramLabel = "TOKEN",
            description = "API token for mutating requests (default: $" + TOKEN_ENV + "; prefer the variable: an"
                    + " argument is visible to other users in the process list)")
    String token;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            description = "text (default) or json: the planner's JSON answer, unchanged",
            defaultValue = "text")
    Output output;

    /** Where environment variables come from; tests give their own. */
    UnaryOperator<String> environment = System::getenv;

    boolean json() {
        return output == Output.json;
    }

    PlannerClient client() {
        String url = planner != null ? planner : environment.apply(URL_ENV);
        if (url == null || url.isBlank()) {
            throw new CliFailure(
                    ExitCode.BAD_INPUT,
                    "no planner: set " + URL_ENV + " (as `colshift up` prints) or pass --planner URL");
        }
        return new PlannerClient(url.strip(), token != null ? token : environment.apply(TOKEN_ENV));
    }

    /**
     * With {@code --output json}, prints the planner's JSON answer as it came (a refusal's problem+json too, so a
     * script can read its {@code type}); then returns the answer, or throws the failure it means.
     *
     * @param feature what the request asks of the planner, for the "does not support" line
     */
    PlannerAnswer expect(PlannerAnswer answer, String feature, PrintWriter out) {
        boolean jsonBody = answer.contentType() != null && answer.contentType().contains("json");
        if (json() && jsonBody && answer.body() != null && !answer.body().isBlank()) {
            out.println(answer.body());
            out.flush();
        }
        return answer.orFail(feature);
    }
}
