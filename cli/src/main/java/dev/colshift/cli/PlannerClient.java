package dev.colshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colshift.schemas.EventCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The planner's REST API as the CLI and the end-to-end tests use it. */
public final class PlannerClient {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String apiToken;

    public PlannerClient(String baseUrl, String apiToken) {
        this.baseUrl = baseUrl;
        this.apiToken = apiToken;
    }

    /** Submits a spec; returns the migration id, or throws with the planner's problem+json on refusal. */
    public String submit(String specJson) {
        return submit(specJson, "application/json");
    }

    /** Submits the SQL a user would have run, with one column; returns the migration id. */
    public String submitSql(String sql) {
        return submit(sql, "application/sql");
    }

    private String submit(String body, String contentType) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/migrations"))
                .header("Content-Type", contentType)
                .header("Authorization", "Bearer " + apiToken)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (response.statusCode() != 202) {
            throw new IllegalStateException(
                    "planner refused the migration (" + response.statusCode() + "): " + response.body());
        }
        return read(response.body()).path("id").asText();
    }

    public JsonNode status(String migrationId) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/migrations/" + migrationId))
                .GET());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "status of " + migrationId + ": " + response.statusCode() + " " + response.body());
        }
        return read(response.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("planner at " + baseUrl + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return EventCodec.mapper().readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable planner answer: " + body, e);
        }
    }
}
