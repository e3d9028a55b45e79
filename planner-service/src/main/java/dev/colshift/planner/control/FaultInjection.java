package dev.colshift.planner.control;

import dev.colshift.planner.PlannerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Halts the planner as {@code kill -9} would, at a named point, when a test configures that point
 * ({@code colshift.planner.halt-at}). Lets a test kill the planner between a DDL commit and its phase change, while it
 * publishes ranges, and so on, and prove that a restarted planner finishes with the same end state.
 */
@ApplicationScoped
public class FaultInjection {
    private static final Logger LOG = Logger.getLogger(FaultInjection.class);

    private final String haltAt;

    public FaultInjection(PlannerConfig config) {
        this.haltAt = config.haltAt();
    }

    public void point(String name) {
        if (haltAt.equals(name)) {
            LOG.errorf("fault injection: halting at %s", name);
            Runtime.getRuntime().halt(137);
        }
    }
}
