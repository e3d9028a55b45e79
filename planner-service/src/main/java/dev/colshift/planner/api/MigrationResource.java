package dev.colshift.planner.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.colshift.planner.MigrationIntake;
import dev.colshift.planner.db.MigrationLedger;
import dev.colshift.planner.plan.MigrationPlan;
import dev.colshift.schemas.Phase;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.OffsetDateTime;

/** {@code POST /migrations} submits a column change (or plans it, with {@code dryRun=true}); GET reports on it. */
@Path("/migrations")
@Produces(MediaType.APPLICATION_JSON)
public class MigrationResource {
    private final MigrationIntake intake;
    private final MigrationLedger ledger;

    public MigrationResource(MigrationIntake intake, MigrationLedger ledger) {
        this.intake = intake;
        this.ledger = ledger;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> submit(String body, @QueryParam("dryRun") boolean dryRun) {
        return Uni.createFrom()
                .item(() -> SpecReader.read(body))
                .chain(spec -> intake.submit(spec, "rest", dryRun))
                .map(plan -> dryRun
                        ? Response.ok(new Planned(null, null, true, plan)).build()
                        : Response.accepted(new Planned(plan.migrationId(), Phase.ACCEPTED, null, plan))
                                .location(URI.create("/migrations/" + plan.migrationId()))
                                .build());
    }

    /** The answer to a submission: the new migration's id and plan, or only the plan for a dry run. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Planned(String id, Phase phase, Boolean dryRun, MigrationPlan plan) {}

    @GET
    @Path("/{id}")
    public Uni<Response> status(@PathParam("id") String id) {
        return ledger.find(id)
                .chain(m -> m == null
                        ? Uni.createFrom()
                                .item(Problems.respond(Problems.simple(
                                        404, "not-found", "Migration not found", "no migration with id '" + id + "'")))
                        : ledger.batchTally(id)
                                .map(tally -> Response.ok(MigrationView.of(m, tally, OffsetDateTime.now()))
                                        .build()));
    }
}
