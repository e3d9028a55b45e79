package dev.colshift.planner.api;

import dev.colshift.planner.db.AuditTrail;
import dev.colshift.planner.db.AuditTrail.AuditEntry;
import dev.colshift.planner.db.MigrationLedger;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** {@code GET /migrations/{id}/audit}: the migration's audit trail, oldest first, as {@code colshift.audit_log} has it. */
@Path("/migrations/{id}/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    private final MigrationLedger ledger;
    private final AuditTrail trail;

    public AuditResource(MigrationLedger ledger, AuditTrail trail) {
        this.ledger = ledger;
        this.trail = trail;
    }

    /** The answer: every audit row of one migration. */
    public record Audit(String migrationId, List<AuditEntry> entries) {}

    @GET
    public Uni<Response> audit(@PathParam("id") String id) {
        return ledger.find(id)
                .chain(m -> m == null
                        ? Uni.createFrom().item(Problems.migrationNotFound(id))
                        : trail.of(id)
                                .map(entries ->
                                        Response.ok(new Audit(id, entries)).build()));
    }
}
