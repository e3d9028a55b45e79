package dev.colshift.worker;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How colshift's own database sessions are told apart from the application's: every worker connects with the same
 * {@code application_name}, so {@code pg_stat_activity} shows which sessions are ours.
 */
@ApplicationScoped
public class WorkerSessions {
    private final String applicationName;

    public WorkerSessions(
            @ConfigProperty(
                            name = "quarkus.datasource.reactive.additional-properties.application_name",
                            defaultValue = "colshift-backfill-worker")
                    String applicationName) {
        this.applicationName = applicationName;
    }

    public String applicationName() {
        return applicationName;
    }
}
