package dev.colshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code colshift watch ID}: a live progress bar until the migration ends. */
@Command(
        name = "watch",
        mixinStandardHelpOptions = true,
        description = "Follow a migration with a live progress bar (phase, %%, rows/s, ETA, throttle) until it ends."
                + " Exit 0 only when it COMPLETED (verified).")
public final class WatchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "the migration id")
    String id;

    @Mixin
    PlannerOptions planner;

    @Option(
            names = "--timeout",
            paramLabel = "MINUTES",
            description = "stop watching after this many minutes, exit 1 (default: no limit)",
            defaultValue = "0")
    long timeoutMinutes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        JsonNode end = Following.toEnd(planner.client(), id, timeoutMinutes, out, !planner.json());
        if (planner.json()) {
            out.println(end);
            out.flush();
            return MigrationWatcher.completed(end) ? ExitCode.OK : ExitCode.MIGRATION_FAILED;
        }
        return Following.report(end, out);
    }
}
