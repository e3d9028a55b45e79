package dev.colshift.verifier.api;

import dev.colshift.verifier.VerifierConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Mutating requests must carry {@code Authorization: Bearer <colshift.verifier.api-token>}; with no token configured
 * they are all refused. Reads (health) are open.
 */
public class ApiTokenFilter {
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final byte[] expected;

    public ApiTokenFilter(VerifierConfig config) {
        this.expected = config.apiToken()
                .filter(token -> !token.isBlank())
                .map(token -> ("Bearer " + token).getBytes(StandardCharsets.UTF_8))
                .orElse(null);
    }

    @ServerRequestFilter
    public Response requireToken(ContainerRequestContext request) {
        if (READ_METHODS.contains(request.getMethod())) {
            return null;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (expected != null
                && header != null
                && MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        return Response.status(401)
                .type("application/problem+json")
                .entity(Map.of(
                        "type",
                        "urn:colshift:problem:unauthorized",
                        "title",
                        "Unauthorized",
                        "status",
                        401,
                        "detail",
                        expected == null
                                ? "no colshift.verifier.api-token is configured, so mutating requests are refused"
                                : "mutating requests need 'Authorization: Bearer <api token>'"))
                .build();
    }
}
