package dev.colshift.cli;

import picocli.CommandLine.Command;

/** {@code colshift pause ID}: {@code POST /migrations/{id}/pause}. */
@Command(
        name = "pause",
        mixinStandardHelpOptions = true,
        description =
                "Ask the planner to pause a migration (POST /migrations/{id}/pause); it decides what that means in the"
                        + " migration's phase. Exit 4 when this planner does not support it yet.")
public final class PauseCommand extends ControlCommand {
    @Override
    String verb() {
        return "pause";
    }
}
