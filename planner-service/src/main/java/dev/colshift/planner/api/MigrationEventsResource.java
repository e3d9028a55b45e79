package dev.colshift.planner.api;

import dev.colshift.planner.PlannerConfig;
import dev.colshift.planner.db.MigrationLedger;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * {@code GET /migrations/{id}/events}: server-sent events, one {@link MigrationView} (what {@code GET
 * /migrations/{id}} answers) at every {@link PlannerConfig#statusInterval()}, read from the ledger, so any planner
 * instance can serve any migration. The stream ends after the first view in a terminal phase.
 */
@Path("/migrations/{id}/events")
public class MigrationEventsResource {
    private final MigrationLedger ledger;
    private final MigrationViews views;
    private final Duration interval;

    public MigrationEventsResource(MigrationLedger ledger, MigrationViews views, PlannerConfig config) {
        this.ledger = ledger;
        this.views = views;
        this.interval = config.statusInterval();
    }

    /** An unknown id never gets here: {@link KnownMigrationFilter} answers 404 before the stream starts. */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<MigrationView> events(@PathParam("id") String id) {
        return views(id);
    }

    private Multi<MigrationView> views(String id) {
        return Multi.createFrom().deferred(() -> {
            AtomicBoolean ended = new AtomicBoolean();
            return Multi.createFrom()
                    .ticks()
                    .startingAfter(Duration.ofMillis(1))
                    .every(interval)
                    // a slow ledger read skips a reading rather than queueing them
                    .onOverflow()
                    .drop()
                    .onItem()
                    .transformToUniAndConcatenate(tick -> ledger.find(id).chain(views::of))
                    .select()
                    .first(view -> !ended.getAndSet(view.phase().terminal()));
        });
    }
}
