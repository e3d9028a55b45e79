package dev.colshift.worker.throttle;

import java.util.Optional;

/**
 * Where a pause request for a migration comes from (the hook for pause/resume): a reason while the migration should
 * start no new range, empty otherwise. The default never pauses.
 */
public interface PauseRequests {
    Optional<String> pauseReason(String migrationId);
}
