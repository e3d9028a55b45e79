package dev.colshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The planner's REST API as the CLI, the demo and the end-to-end tests use it. A planner that does not answer is a
 * {@link CliFailure} with {@link ExitCode#PLANNER_UNAVAILABLE}; what it answers is a {@link PlannerAnswer}.
 */
public final class PlannerClient {
    static final String JSON = "application/json";
    static final String SQL = "application/sql";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String apiToken;

    /** @param apiToken sent as {@code Authorization: Bearer} on mutating requests; null sends none */
    public PlannerClient(String baseUrl, String apiToken) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiToken = apiToken;
    }

    /** Submits a JSON spec; returns the migration id, or throws with the planner's refusal. */
    public String submit(String specJson) {
        return submit(JSON, specJson, List.of())
                .orFail("migrations")
                .json()
                .path("id")
                .asText();
    }

    /** Submits the SQL a user would have run, with one column; returns the migration id. */
    public String submitSql(String sql) {
        return submit("application/sql", sql, List.of())
                .orFail("migrations")
                .json()
                .path("id")
                .asText();
    }

    /** {@code POST /migrations}: a JSON spec or SQL, run for real. */
    public PlannerAnswer submit(String mediaType, String body, List<String> allowHazards) {
        return post(migrationsPath(false, allowHazards, List.of()), mediaType, body);
    }

    /** {@code POST /migrations}: the change in the file, run for real. */
    public PlannerAnswer submit(ChangeFile change) {
        return post(
                migrationsPath(false, change.queryHazards(), change.queryWatches()), change.mediaType(), change.body());
    }

    /** {@code POST /migrations?dryRun=true}: the plan of the change in the file, and nothing changed. */
    public PlannerAnswer dryRun(ChangeFile change) {
        return post(
                migrationsPath(true, change.queryHazards(), change.queryWatches()), change.mediaType(), change.body());
    }

    /** {@code GET /migrations/{id}}, or throws with the failure it means. */
    public JsonNode status(String migrationId) {
        return get("/migrations/" + encode(migrationId)).orFail("status").json();
    }

    public PlannerAnswer get(String path) {
        return send("GET " + path, HttpRequest.newBuilder(uri(path)).GET());
    }

    /** A POST with no body, as the control routes ({@code /migrations/{id}/pause}) take. */
    public PlannerAnswer post(String path) {
        return send(
                "POST " + path,
                authorized(HttpRequest.newBuilder(uri(path))).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public PlannerAnswer post(String path, String mediaType, String body) {
        return send(
                "POST " + path,
                authorized(HttpRequest.newBuilder(uri(path)))
                        .header("Content-Type", mediaType)
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public String baseUrl() {
        return baseUrl;
    }

    static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String migrationsPath(boolean dryRun, List<String> allowHazards, List<String> watchQueries) {
        StringBuilder path = new StringBuilder("/migrations");
        String separator = "?";
        if (dryRun) {
            path.append(separator).append("dryRun=true");
            separator = "&";
        }
        if (!allowHazards.isEmpty()) {
            path.append(separator).append("allowHazards=").append(encode(String.join(",", allowHazards)));
            separator = "&";
        }
        for (String query : watchQueries) {
            path.append(separator).append("watch=").append(encode(query));
            separator = "&";
        }
        return path.toString();
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return apiToken == null || apiToken.isBlank() ? request : request.header("Authorization", "Bearer " + apiToken);
    }

    private URI uri(String path) {
        try {
            return URI.create(baseUrl + path);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCode.BAD_INPUT, "not a planner URL: " + baseUrl + " (" + e.getMessage() + ")");
        }
    }

    private PlannerAnswer send(String what, HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new PlannerAnswer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.body(),
                    what);
        } catch (IOException e) {
            throw new CliFailure(
                    ExitCode.PLANNER_UNAVAILABLE,
                    "the planner at " + baseUrl + " did not answer " + what + ": "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCode.BAD_INPUT, "not a planner URL: " + baseUrl + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCode.PLANNER_UNAVAILABLE, "interrupted while waiting for " + what);
        }
    }
}
