package dev.colshift.cli;

import picocli.CommandLine.Command;

/** {@code colshift cancel ID}: {@code POST /migrations/{id}/cancel}. */
@Command(
        name = "cancel",
        mixinStandardHelpOptions = true,
        description =
                "Ask the planner to cancel a migration (POST /migrations/{id}/cancel); it decides what that means in the"
                        + " migration's phase. Exit 4 when this planner does not support it yet.")
public final class CancelCommand extends ControlCommand {
    @Override
    String verb() {
        return "cancel";
    }
}
