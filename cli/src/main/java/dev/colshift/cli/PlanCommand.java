package dev.colshift.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code colshift plan FILE}: the planner's dry run. Nothing is changed. */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description = "Show how the planner would run a change, and change nothing: the steps with their SQL, the"
                + " lock each takes and what PostgreSQL did when the planner rehearsed it, lint findings, notes.")
public final class PlanCommand implements Callable<Integer> {
    @Mixin
    ChangeOptions change;

    @Mixin
    PlannerOptions planner;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ChangeFile file = change.read();
        PlannerAnswer answer = planner.expect(planner.client().dryRun(file), "planning", out);
        if (!planner.json()) {
            PlanReport.print(answer.json(), out, true);
            out.println("dry run: nothing was changed");
            out.flush();
        }
        return ExitCode.OK;
    }
}
