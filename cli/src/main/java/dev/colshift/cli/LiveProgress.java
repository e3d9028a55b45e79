package dev.colshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * Shows a migration's progress as it polls: on a terminal one line redrawn in place; otherwise (a pipe, a log) a new
 * line only when the phase or the percentage moved, so a log stays short.
 */
final class LiveProgress implements Consumer<JsonNode> {
    private final PrintWriter out;
    private final boolean terminal;
    private String lastShown = "";
    private int lastWidth;

    LiveProgress(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Redraws in place only when standard output is a terminal. */
    static LiveProgress on(PrintWriter out) {
        return new LiveProgress(out, System.console() != null);
    }

    @Override
    public void accept(JsonNode status) {
        String line = ProgressLine.of(status);
        if (terminal) {
            out.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
            lastWidth = line.length();
        } else {
            String moved =
                    status.path("phase").asText() + " " + status.path("percent").asDouble();
            if (!moved.equals(lastShown)) {
                out.println(line);
                lastShown = moved;
            }
        }
        out.flush();
    }

    /** Ends the redrawn line, so what follows starts on a line of its own. */
    void finish() {
        if (terminal && lastWidth > 0) {
            out.println();
            out.flush();
        }
    }
}
