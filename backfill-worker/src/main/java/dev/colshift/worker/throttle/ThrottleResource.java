package dev.colshift.worker.throttle;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /throttle}: what holds this worker's ranges back right now, in words; an empty list when nothing. */
@Path("/throttle")
public class ThrottleResource {
    private final ThrottleState state;

    public ThrottleResource(ThrottleState state) {
        this.state = state;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<ThrottleState.Active> current() {
        return state.current();
    }
}
