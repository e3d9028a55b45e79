package dev.colshift.cli;

/** Ends a command with an {@link ExitCode} and one line saying why; {@link ColshiftCommand} prints it. */
public final class CliFailure extends RuntimeException {
    private final int exitCode;

    public CliFailure(int exitCode, String oneLine) {
        super(oneLine.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip());
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
