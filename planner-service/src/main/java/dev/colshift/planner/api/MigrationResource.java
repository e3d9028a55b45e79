package dev.colshift.planner.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.colshift.planner.MigrationIntake;
import dev.colshift.planner.Requester;
import dev.colshift.planner.db.MigrationLedger;
import dev.colshift.planner.db.MigrationListing;
import dev.colshift.planner.plan.MigrationPlan;
import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.Phase;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * {@code POST /migrations} submits a column change (or plans it, with {@code dryRun=true}); {@code GET /migrations}
 * lists the newest migrations and {@code GET /migrations/{id}} reports on one.
 */
@Path("/migrations")
@Produces(MediaType.APPLICATION_JSON)
public class MigrationResource {
    private final MigrationIntake intake;
    private final MigrationLedger ledger;
    private final MigrationListing listing;
    private final MigrationViews views;

    public MigrationResource(
            MigrationIntake intake, MigrationLedger ledger, MigrationListing listing, MigrationViews views) {
        this.intake = intake;
        this.ledger = ledger;
        this.listing = listing;
        this.views = views;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> submit(String body, @QueryParam("dryRun") boolean dryRun, @Context SecurityContext security) {
        String requester = ApiTokenFilter.requester(security);
        return Uni.createFrom()
                .item(() -> SpecReader.read(body))
                .chain(spec -> intake.submit(spec, requester, dryRun))
                .map(plan -> answer(plan, dryRun, List.of()));
    }

    /**
     * The SQL door: the {@code ALTER TABLE ... ADD COLUMN} (and what may follow it) a user would have run. One column
     * is answered as the JSON door answers; several are answered with one migration each, all or none. Watch queries
     * come as repeated {@code watch} parameters (each migration of the script watches them all).
     */
    @POST
    @Consumes(SQL)
    public Uni<Response> submitSql(
            String body,
            @QueryParam("dryRun") boolean dryRun,
            @QueryParam("allowHazards") String allowHazards,
            @QueryParam("watch") List<String> watch,
            @Context SecurityContext security) {
        Requester requester = Requester.rest(ApiTokenFilter.requester(security));
        List<String> hazards =
                allowHazards == null || allowHazards.isBlank() ? List.of() : List.of(allowHazards.split("\\s*,\\s*"));
        List<String> notes = new ArrayList<>();
        return Uni.createFrom()
                .item(() -> SqlReader.read(body))
                .chain(parsed -> {
                    notes.addAll(parsed.notes());
                    List<MigrationSpec> specs = parsed.specs().stream()
                            .map(spec -> spec.withAllowHazards(hazards).withWatchQueries(watch))
                            .toList();
                    return intake.submitAll(specs, requester, dryRun, notes);
                })
                .map(plans -> plans.size() == 1
                        ? answer(plans.get(0), dryRun, notes)
                        : Response.status(dryRun || plans.isEmpty() ? 200 : 202)
                                .entity(new PlannedSeveral(
                                        plans.stream()
                                                .map(p -> planned(p, dryRun, List.of()))
                                                .toList(),
                                        notes.isEmpty() ? null : notes))
                                .build());
    }

    static final String SQL = "application/sql";

    private static Response answer(MigrationPlan plan, boolean dryRun, List<String> notes) {
        Planned body = planned(plan, dryRun, notes);
        return dryRun
                ? Response.ok(body).build()
                : Response.accepted(body)
                        .location(URI.create("/migrations/" + plan.migrationId()))
                        .build();
    }

    private static Planned planned(MigrationPlan plan, boolean dryRun, List<String> notes) {
        return dryRun
                ? new Planned(null, null, true, plan, notes.isEmpty() ? null : notes)
                : new Planned(plan.migrationId(), Phase.ACCEPTED, null, plan, notes.isEmpty() ? null : notes);
    }

    /** Several columns from one request: one migration each. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PlannedSeveral(List<Planned> migrations, List<String> notes) {}

    /** The answer to a submission: the new migration's id and plan, or only the plan for a dry run. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Planned(String id, Phase phase, Boolean dryRun, MigrationPlan plan, List<String> notes) {}

    @GET
    public Uni<Response> list(@QueryParam("limit") String limit) {
        OptionalInt parsed = ListLimit.parse(limit);
        if (parsed.isEmpty()) {
            return Uni.createFrom()
                    .item(Problems.respond(Problems.simple(
                            400,
                            "invalid-limit",
                            "Invalid limit",
                            "limit must be a whole number from 1 to " + ListLimit.MAX + " (default " + ListLimit.DEFAULT
                                    + ")")));
        }
        return listing.newestFirst(parsed.getAsInt())
                .map(listed -> Response.ok(new MigrationSummary.Listing(
                                listed.stream().map(MigrationSummary::of).toList(), parsed.getAsInt()))
                        .build());
    }

    @GET
    @Path("/{id}")
    public Uni<Response> status(@PathParam("id") String id) {
        return ledger.find(id)
                .chain(m -> m == null
                        ? Uni.createFrom().item(Problems.migrationNotFound(id))
                        : views.of(m).map(view -> Response.ok(view).build()));
    }
}
