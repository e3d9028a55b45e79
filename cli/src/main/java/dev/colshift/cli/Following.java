package dev.colshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;

/** Follows one migration to its end for {@code apply} and {@code watch}, with a live progress line. */
final class Following {
    /** Long enough to mean "until it ends" without overflowing a deadline. */
    private static final Duration NO_LIMIT = Duration.ofDays(365);

    private Following() {}

    /**
     * @param timeoutMinutes 0 for no limit; past it the command fails ({@link ExitCode#MIGRATION_FAILED}) and the
     *                       migration goes on
     * @param live           show the progress line (false for {@code --output json})
     * @return the last status, the migration having ended
     */
    static JsonNode toEnd(PlannerClient client, String id, long timeoutMinutes, PrintWriter out, boolean live) {
        Duration timeout = timeoutMinutes > 0 ? Duration.ofMinutes(timeoutMinutes) : NO_LIMIT;
        LiveProgress progress = LiveProgress.on(out);
        try {
            return MigrationWatcher.awaitEnd(client, id, timeout, status -> {
                if (live) {
                    progress.accept(status);
                }
            });
        } catch (MigrationWatcher.StillRunning e) {
            throw new CliFailure(
                    ExitCode.MIGRATION_FAILED,
                    "migration " + id + " is still "
                            + e.lastStatus().path("phase").asText() + " after " + timeoutMinutes
                            + " min; it goes on (colshift watch " + id + ")");
        } finally {
            progress.finish();
        }
    }

    /** The closing report of an ended migration; the exit code it means. */
    static int report(JsonNode end, PrintWriter out) {
        boolean completed = MigrationWatcher.completed(end);
        if (!end.path("verification").isEmpty() || completed) {
            MigrationWatcher.printReport(end, out);
        } else {
            out.println("migration " + end.path("id").asText() + " ended "
                    + end.path("phase").asText()
                    + (end.hasNonNull("detail") ? ": " + end.path("detail").asText() : ""));
            out.flush();
        }
        return completed ? ExitCode.OK : ExitCode.MIGRATION_FAILED;
    }
}
