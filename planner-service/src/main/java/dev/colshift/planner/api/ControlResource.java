package dev.colshift.planner.api;

import dev.colshift.planner.MigrationDriver;
import dev.colshift.planner.control.DesiredState;
import dev.colshift.planner.control.PhaseTransitions;
import dev.colshift.planner.db.MigrationLedger;
import dev.colshift.schemas.Phase;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.stream.Collectors;

/**
 * {@code POST /migrations/{id}/pause|resume|cancel|rollback|redrive}: records what the operator wants beside the phase and
 * wakes the driver, which honours it between steps. A request that does not fit the current phase is a 409 with the
 * reason. Rolling back a COMPLETED migration drops what the application may already use, so it is a hazard the request
 * must allow ({@code ?allowHazards=rollback-completed}).
 */
@Path("/migrations/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class ControlResource {
    static final String ROLLBACK_COMPLETED = "rollback-completed";
    /** The ids of the ranges a redrive published again, comma-separated. */
    static final String REDRIVEN_HEADER = "Colshift-Redriven-Ranges";

    private final MigrationLedger ledger;
    private final MigrationDriver driver;

    private final MigrationViews views;

    public ControlResource(MigrationLedger ledger, MigrationDriver driver, MigrationViews views) {
        this.views = views;
        this.ledger = ledger;
        this.driver = driver;
    }

    @POST
    @Path("/pause")
    public Uni<Response> pause(@PathParam("id") String id, @Context SecurityContext security) {
        return control(id, DesiredState.PAUSE, null, "pause", security);
    }

    @POST
    @Path("/resume")
    public Uni<Response> resume(@PathParam("id") String id, @Context SecurityContext security) {
        return control(id, DesiredState.RUN, null, "resume", security);
    }

    @POST
    @Path("/cancel")
    public Uni<Response> cancel(@PathParam("id") String id, @Context SecurityContext security) {
        return control(id, DesiredState.CANCEL, null, "cancel", security);
    }

    @POST
    @Path("/rollback")
    public Uni<Response> rollback(
            @PathParam("id") String id,
            @QueryParam("allowHazards") String allowHazards,
            @Context SecurityContext security) {
        return control(id, DesiredState.ROLLBACK, allowHazards, "rollback", security);
    }

    /**
     * Publishes again the ranges a worker gave up on, once the operator has fixed the cause (the data, a permission, a
     * server limit). 409 when the migration is not backfilling or holds no such range.
     */
    @POST
    @Path("/redrive")
    public Uni<Response> redrive(@PathParam("id") String id, @Context SecurityContext security) {
        return ledger.find(id).chain(m -> {
            if (m == null) {
                return Uni.createFrom().item(Problems.migrationNotFound(id));
            }
            if (m.phase() != Phase.BACKFILLING) {
                return Uni.createFrom()
                        .item(conflict("migration " + id + " is " + m.phase() + ": only a backfilling migration's"
                                + " ranges can be re-driven" + (m.phase() == Phase.PAUSED ? "; resume it first" : "")));
            }
            return driver.redrive(m, ApiTokenFilter.requester(security))
                    .chain(ranges -> ranges.isEmpty()
                            ? Uni.createFrom()
                                    .item(conflict("migration " + id + " holds no dead-lettered range to re-drive"))
                            : views.of(m)
                                    .map(view -> Response.accepted(view)
                                            .header(
                                                    REDRIVEN_HEADER,
                                                    ranges.stream()
                                                            .map(String::valueOf)
                                                            .collect(Collectors.joining(",")))
                                            .build()));
        });
    }

    private static Response conflict(String detail) {
        return Problems.respond(Problems.simple(409, "conflict", "Not possible in this phase", detail));
    }

    private Uni<Response> control(
            String id, DesiredState wanted, String allowHazards, String verb, SecurityContext security) {
        return ledger.find(id).chain(m -> {
            if (m == null) {
                return Uni.createFrom().item(Problems.migrationNotFound(id));
            }
            if (!PhaseTransitions.accepts(wanted, m.phase())) {
                return Uni.createFrom()
                        .item(conflict("migration " + id + " is " + m.phase() + ": it cannot be "
                                + wanted.name().toLowerCase() + "d now"));
            }
            if (wanted == DesiredState.ROLLBACK
                    && m.phase() == Phase.COMPLETED
                    && (allowHazards == null || !allowHazards.contains(ROLLBACK_COMPLETED))) {
                return Uni.createFrom()
                        .item(Problems.respond(Problems.simple(
                                409,
                                ROLLBACK_COMPLETED,
                                "Hazard not allowed: " + ROLLBACK_COMPLETED,
                                "migration " + id + " is COMPLETED: rolling it back drops the column the application"
                                        + " may already use; add ?allowHazards=" + ROLLBACK_COMPLETED
                                        + " to do it")));
            }
            return ledger.requestControl(id, wanted, ApiTokenFilter.requester(security), verb, m.phase())
                    .invoke(() -> driver.wake(id))
                    .chain(() -> ledger.find(id))
                    .chain(views::of)
                    .map(view -> Response.accepted(view).build());
        });
    }
}
