package dev.colshift.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One line for a migration's status ({@code GET /migrations/{id}}): bar, percent, phase, rows, rate, ETA, throttle,
 * replica lag.
 */
public final class ProgressLine {
    private static final int BAR_WIDTH = 20;

    private ProgressLine() {}

    public static String of(JsonNode status) {
        double percent = status.path("percent").asDouble();
        int filled = (int) Math.round(Math.max(0, Math.min(100, percent)) * BAR_WIDTH / 100);
        StringBuilder line = new StringBuilder()
                .append('[')
                .append("#".repeat(filled))
                .append("-".repeat(BAR_WIDTH - filled))
                .append("] ")
                .append(String.format(
                        "%5.1f%%  %-12s", percent, status.path("phase").asText()))
                .append(String.format(
                        "  %,d/%,d rows  %,d rows/s",
                        status.path("rowsDone").asLong(),
                        status.path("rowsTotal").asLong(),
                        status.path("rowsPerSecond").asLong()));
        if (status.hasNonNull("etaSeconds")) {
            line.append("  ETA ").append(status.get("etaSeconds").asLong()).append('s');
        }
        String throttle = throttle(status);
        if (throttle != null) {
            line.append("  throttled: ").append(throttle);
        }
        String replicas = replicas(status);
        if (replicas != null) {
            line.append("  ").append(replicas);
        }
        return line.toString();
    }

    /**
     * The replicas' lag while the migration runs ({@code replicas}, worst first): the worst one's replay delay and
     * WAL bytes behind; {@code replicas: none} when none is connected; null when the planner reports none (an ended
     * migration, or an older planner).
     */
    static String replicas(JsonNode status) {
        JsonNode replicas = status.path("replicas");
        if (!replicas.isArray()) {
            return null;
        }
        if (replicas.isEmpty()) {
            return "replicas: none";
        }
        JsonNode worst = replicas.get(0);
        return String.format(
                "replica lag %.1fs %s (%s%s)",
                worst.path("replayLagMillis").asLong() / 1000.0,
                bytes(worst.path("lagBytes").asLong()),
                worst.path("replica").asText("?"),
                replicas.size() > 1 ? " of " + replicas.size() : "");
    }

    private static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format("%.1f kB", n / 1024.0);
        }
        return String.format("%.1f MB", n / (1024.0 * 1024));
    }

    /**
     * The throttle state, when the planner reports one: {@code throttle} as text, or as an object with a {@code
     * reason} (and a wait); null when there is none or it is not holding the backfill back.
     */
    static String throttle(JsonNode status) {
        JsonNode throttle = status.path("throttle");
        if (throttle.isTextual() && !throttle.asText().isBlank()) {
            return throttle.asText();
        }
        if (throttle.isObject()) {
            if (throttle.has("throttled") && !throttle.path("throttled").asBoolean()) {
                return null;
            }
            String reason = throttle.path("reason").asText(null);
            long wait = throttle.path("waitMillis").asLong(0);
            if (reason == null && wait == 0) {
                return throttle.isEmpty() ? null : throttle.toString();
            }
            return (reason == null ? "waiting" : reason) + (wait > 0 ? " (" + wait + " ms)" : "");
        }
        return null;
    }
}
