package dev.colshift.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** One line for a migration's status ({@code GET /migrations/{id}}): bar, percent, phase, rows, rate, ETA, throttle. */
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
        return line.toString();
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
