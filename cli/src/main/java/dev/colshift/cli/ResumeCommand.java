package dev.colshift.cli;

import picocli.CommandLine.Command;

/** {@code colshift resume ID}: {@code POST /migrations/{id}/resume}. */
@Command(
        name = "resume",
        mixinStandardHelpOptions = true,
        description =
                "Ask the planner to resume a paused migration (POST /migrations/{id}/resume); it decides what that means in the"
                        + " migration's phase. Exit 4 when this planner does not support it yet.")
public final class ResumeCommand extends ControlCommand {
    @Override
    String verb() {
        return "resume";
    }
}
