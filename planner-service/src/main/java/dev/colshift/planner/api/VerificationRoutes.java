package dev.colshift.planner.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.colshift.planner.PlannerConfig;
import dev.colshift.planner.db.MigrationLedger;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.Phase;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

/**
 * {@code GET /migrations/{id}/verification}: the verifier's report as the ledger keeps it. {@code POST
 * /migrations/{id}/verify}: every check run again on a finished migration (drift detection), by the verifier, whose
 * report is the answer; the verifier also appends it to the audit trail.
 */
@Path("/migrations/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class VerificationRoutes {
    private static final Set<Phase> FINISHED = Set.of(Phase.COMPLETED, Phase.FAILED);
    /** A whole verification scans the table in chunks: minutes on a large one. */
    private static final Duration VERIFY_TIMEOUT = Duration.ofMinutes(30);

    private final MigrationLedger ledger;
    private final PlannerConfig config;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public VerificationRoutes(MigrationLedger ledger, PlannerConfig config) {
        this.ledger = ledger;
        this.config = config;
    }

    /** The stored report; {@code checks} is absent until the verifier has answered. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StoredVerification(String migrationId, Phase phase, JsonNode checks) {}

    @GET
    @Path("/verification")
    public Uni<Response> verification(@PathParam("id") String id) {
        return ledger.find(id).map(m -> {
            if (m == null) {
                return Problems.migrationNotFound(id);
            }
            JsonNode checks = null;
            if (m.verification() != null) {
                try {
                    checks = EventCodec.mapper().readTree(m.verification());
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
            return Response.ok(new StoredVerification(id, m.phase(), checks)).build();
        });
    }

    @POST
    @Path("/verify")
    public Uni<Response> verify(@PathParam("id") String id, @Context SecurityContext security) {
        return ledger.find(id).chain(m -> {
            if (m == null) {
                return Uni.createFrom().item(Problems.migrationNotFound(id));
            }
            if (!FINISHED.contains(m.phase())) {
                return Uni.createFrom()
                        .item(Problems.respond(Problems.simple(
                                409,
                                "conflict",
                                "Not possible in this phase",
                                "migration " + id + " is " + m.phase() + ": verify re-runs the checks on a finished"
                                        + " migration; this one is verified as it finishes")));
            }
            if (config.verifierUrl().isEmpty()) {
                return Uni.createFrom()
                        .item(Problems.respond(Problems.simple(
                                503,
                                "verifier-not-configured",
                                "Verifier not configured",
                                "set colshift.planner.verifier-url (and verifier-token) so the planner can ask the"
                                        + " verifier")));
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create(config.verifierUrl().get().replaceAll("/+$", "") + "/verifications/" + id))
                    .timeout(VERIFY_TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.noBody());
            config.verifierToken().ifPresent(token -> request.header("Authorization", "Bearer " + token));
            return ledger.recordRequest(id, ApiTokenFilter.requester(security), "verify", m.phase())
                    .chain(() -> Uni.createFrom()
                            .completionStage(
                                    () -> http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())))
                    .map(answer -> Response.status(answer.statusCode())
                            .type(answer.headers().firstValue("Content-Type").orElse(MediaType.APPLICATION_JSON))
                            .entity(answer.body())
                            .build())
                    .onFailure()
                    .recoverWithItem(e -> Problems.respond(Problems.simple(
                            502,
                            "verifier-unreachable",
                            "Verifier unreachable",
                            "the verifier at " + config.verifierUrl().get() + " did not answer: " + e.getMessage())));
        });
    }
}
