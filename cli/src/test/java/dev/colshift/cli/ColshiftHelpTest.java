package dev.colshift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every help shows the exit codes scripts rely on; a usage error is one line and exit 2. */
class ColshiftHelpTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "plan", "apply", "status", "watch", "pause", "verify", "audit"})
    void helpListsTheExitCodes(String command) {
        CliRun run = command.isEmpty() ? CliRun.of("--help") : CliRun.of(command, "--help");
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().contains("Exit codes:"), run.toString());
        ExitCode.descriptions()
                .forEach((code, meaning) -> assertTrue(
                        run.out().replaceAll("\\s+", " ").contains(code + " " + meaning), code + " in " + run));
    }

    @ParameterizedTest
    @ValueSource(strings = {"plan", "watch", "pause"})
    void aMissingArgumentIsOneLineAndExit2(String command) {
        CliRun run = CliRun.of(command, "--planner", "http://127.0.0.1:1");
        assertEquals(ExitCode.BAD_INPUT, run.exit(), run.toString());
        assertTrue(run.errorLine().startsWith("colshift " + command + ": Missing required parameter"), run.toString());
    }
}
