package dev.colshift.planner.api;

import dev.colshift.planner.db.MigrationLedger;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Answers 404 problem+json for an event stream of a migration the ledger does not have. A streaming response is
 * committed as it starts, so the stream itself can no longer say "not found": this check runs before it.
 */
public class KnownMigrationFilter {
    private final MigrationLedger ledger;

    public KnownMigrationFilter(MigrationLedger ledger) {
        this.ledger = ledger;
    }

    @ServerRequestFilter
    public Uni<Response> requireKnownMigration(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (resource.getResourceClass() != MigrationEventsResource.class) {
            return Uni.createFrom().nullItem();
        }
        String id = request.getUriInfo().getPathParameters().getFirst("id");
        return ledger.find(id).map(m -> m == null ? Problems.migrationNotFound(id) : null);
    }
}
