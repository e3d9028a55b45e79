package dev.colshift.cli;

import picocli.CommandLine.Command;

/** {@code colshift rollback ID}: {@code POST /migrations/{id}/rollback}. */
@Command(
        name = "rollback",
        mixinStandardHelpOptions = true,
        description =
                "Ask the planner to roll back what a migration added (POST /migrations/{id}/rollback); it decides what that means in the"
                        + " migration's phase. Exit 4 when this planner does not support it yet.")
public final class RollbackCommand extends ControlCommand {
    @Override
    String verb() {
        return "rollback";
    }
}
