package dev.colshift.planner.api;

import dev.colshift.planner.PlannerConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Mutating requests must carry {@code Authorization: Bearer <token>}: the shared {@code colshift.planner.api-token} or
 * a named caller's ({@code colshift.planner.api-principals}); the caller becomes the request's principal, which the
 * resources record as who asked. Reads are open.
 */
public class ApiTokenFilter {
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final ApiPrincipals principals;

    public ApiTokenFilter(PlannerConfig config) {
        this.principals =
                ApiPrincipals.of(config.apiToken(), config.apiPrincipals().orElse(List.of()));
    }

    @ServerRequestFilter
    public Response requireToken(ContainerRequestContext request) {
        if (READ_METHODS.contains(request.getMethod())) {
            return null;
        }
        Optional<String> caller = principals.authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (caller.isPresent()) {
            request.setSecurityContext(new Caller(caller.get()));
            return null;
        }
        return Problems.respond(Problems.simple(
                401, "unauthorized", "Unauthorized", "mutating requests need 'Authorization: Bearer <api token>'"));
    }

    /** The authenticated caller of one request. */
    private record Caller(String name) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return () -> name;
        }

        @Override
        public boolean isUserInRole(String role) {
            return false;
        }

        @Override
        public boolean isSecure() {
            return false;
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }

    /** How a request's caller is recorded ({@code requested_by}, the audit's actor): {@code rest:<name>}. */
    static String requester(SecurityContext security) {
        Principal principal = security == null ? null : security.getUserPrincipal();
        return "rest:" + (principal == null ? "anonymous" : principal.getName());
    }
}
