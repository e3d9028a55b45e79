package dev.colshift.worker.throttle;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Nobody asks for pauses yet; a bean implementing {@link PauseRequests} replaces this one. */
@DefaultBean
@ApplicationScoped
public class NoPauseRequests implements PauseRequests {
    @Override
    public Optional<String> pauseReason(String migrationId) {
        return Optional.empty();
    }
}
