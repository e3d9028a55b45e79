package dev.colshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;

/** Polls a migration until it is COMPLETED or FAILED, reporting each status to a listener. */
public final class MigrationWatcher {
    private static final Set<String> TERMINAL = Set.of("COMPLETED", "FAILED");

    private MigrationWatcher() {}

    public static JsonNode awaitEnd(
            PlannerClient planner, String migrationId, Duration timeout, Consumer<JsonNode> onStatus) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode status = planner.status(migrationId);
            onStatus.accept(status);
            if (TERMINAL.contains(status.path("phase").asText())) {
                return status;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "migration " + migrationId + " did not finish within " + timeout + "; last status: " + status);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /** One line: phase, percent, rows, rate and ETA. */
    public static String progressLine(JsonNode s) {
        String eta = s.hasNonNull("etaSeconds") ? "  ETA " + s.get("etaSeconds").asLong() + "s" : "";
        return String.format(
                "%-12s %5.1f%%  %,d/%,d rows  %,d rows/s%s",
                s.path("phase").asText(),
                s.path("percent").asDouble(),
                s.path("rowsDone").asLong(),
                s.path("rowsTotal").asLong(),
                s.path("rowsPerSecond").asLong(),
                eta);
    }

    /** The verifier's checks, one per line, and the closing {@code verified:} line; true when verified. */
    public static boolean printReport(JsonNode status, PrintStream out) {
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
        boolean verified = allPassed && "COMPLETED".equals(status.path("phase").asText());
        if (verified) {
            out.println("verified: " + status.path("id").asText());
        } else {
            out.println("NOT verified: " + status.path("id").asText() + " ended "
                    + status.path("phase").asText()
                    + (status.hasNonNull("detail")
                            ? ": " + status.path("detail").asText()
                            : ""));
        }
        return verified;
    }
}
