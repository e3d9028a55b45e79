package dev.colshift.planner.api;

import dev.colshift.planner.PlannerConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Mutating requests must carry {@code Authorization: Bearer <colshift.planner.api-token>}. Reads are open. */
public class ApiTokenFilter {
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final byte[] expected;

    public ApiTokenFilter(PlannerConfig config) {
        this.expected = ("Bearer " + config.apiToken()).getBytes(StandardCharsets.UTF_8);
    }

    @ServerRequestFilter
    public Response requireToken(ContainerRequestContext request) {
        if (READ_METHODS.contains(request.getMethod())) {
            return null;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header != null && MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        return Problems.respond(Problems.simple(
                401, "unauthorized", "Unauthorized", "mutating requests need 'Authorization: Bearer <api token>'"));
    }
}
