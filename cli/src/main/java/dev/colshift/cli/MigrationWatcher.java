package dev.colshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;

/** Polls a migration until it ends, reporting each status to a listener. */
public final class MigrationWatcher {
    /**
     * Phases a migration does not leave. CANCELLED and ROLLED_BACK are not phases of today's planner; the control
     * routes may bring them, and a watch must end on them rather than poll forever.
     */
    private static final Set<String> TERMINAL = Set.of("COMPLETED", "FAILED", "REJECTED", "CANCELLED", "ROLLED_BACK");

    private MigrationWatcher() {}

    /** The migration had not ended when the wait was over; it goes on without the watcher. */
    public static final class StillRunning extends IllegalStateException {
        private final transient JsonNode lastStatus;

        StillRunning(String migrationId, Duration timeout, JsonNode lastStatus) {
            super("migration " + migrationId + " did not finish within " + timeout + "; last status: " + lastStatus);
            this.lastStatus = lastStatus;
        }

        public JsonNode lastStatus() {
            return lastStatus;
        }
    }

    public static JsonNode awaitEnd(
            PlannerClient planner, String migrationId, Duration timeout, Consumer<JsonNode> onStatus) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode status = planner.status(migrationId);
            onStatus.accept(status);
            if (ended(status)) {
                return status;
            }
            if (System.nanoTime() > deadline) {
                throw new StillRunning(migrationId, timeout, status);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    public static boolean ended(JsonNode status) {
        return TERMINAL.contains(status.path("phase").asText());
    }

    public static boolean completed(JsonNode status) {
        return "COMPLETED".equals(status.path("phase").asText());
    }

    /** The verifier's checks, one per line, and the closing {@code verified:} line; true when verified. */
    public static boolean printReport(JsonNode status, PrintWriter out) {
        out.println("verification report for " + status.path("id").asText() + " ("
                + status.path("table").asText() + "." + status.path("column").asText() + " "
                + status.path("type").asText() + "):");
        boolean allPassed = status.path("verification").size() > 0;
        for (JsonNode check : status.path("verification")) {
            boolean passed = check.path("passed").asBoolean();
            allPassed &= passed;
            out.println("  " + (passed ? "PASS" : "FAIL") + "  "
                    + check.path("name").asText() + ": " + check.path("detail").asText());
        }
        boolean verified = allPassed && completed(status);
        if (verified) {
            out.println("verified: " + status.path("id").asText());
        } else {
            out.println("NOT verified: " + status.path("id").asText() + " ended "
                    + status.path("phase").asText()
                    + (status.hasNonNull("detail")
                            ? ": " + status.path("detail").asText()
                            : ""));
        }
        out.flush();
        return verified;
    }
}
