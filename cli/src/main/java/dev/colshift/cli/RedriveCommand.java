package dev.colshift.cli;

import picocli.CommandLine.Command;

/** {@code colshift redrive ID}: {@code POST /migrations/{id}/redrive}. */
@Command(
        name = "redrive",
        mixinStandardHelpOptions = true,
        description = "Publish again the ranges a worker gave up on (POST /migrations/{id}/redrive), once you fixed the"
                + " cause that `status ID` shows; a range that fails again is held again."
                + " Exit 4 when this planner does not support it.")
public final class RedriveCommand extends ControlCommand {
    @Override
    String verb() {
        return "redrive";
    }
}
