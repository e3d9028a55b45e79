package dev.colshift.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** The exit codes of the commands that talk to a planner: a contract scripts rely on, documented in the help. */
public final class ExitCode {
    /** The request succeeded; for {@code apply} and {@code watch}, the migration ended COMPLETED. */
    public static final int OK = 0;
    /** The migration failed, ended without COMPLETED, or its verification failed. */
    public static final int MIGRATION_FAILED = 1;
    /** A usage error or input the planner refused (HTTP 400 and other 4xx): nothing was changed. */
    public static final int BAD_INPUT = 2;
    /** The planner could not be reached, refused the token, or answered with a server error. */
    public static final int PLANNER_UNAVAILABLE = 3;
    /** The planner has no such route (404/405 on a control route): it does not support the command yet. */
    public static final int NOT_SUPPORTED = 4;

    private ExitCode() {}

    /** The table {@code --help} shows, code to meaning. */
    public static Map<String, String> descriptions() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(OK + "", "success; apply/watch: the migration COMPLETED (verified)");
        codes.put(MIGRATION_FAILED + "", "the migration FAILED or its verification failed");
        codes.put(BAD_INPUT + "", "usage error or bad input (HTTP 400: the problem type and detail on one line)");
        codes.put(PLANNER_UNAVAILABLE + "", "planner unreachable, unauthorized (token) or erroring (5xx)");
        codes.put(NOT_SUPPORTED + "", "this planner does not support the command (404/405 on its route)");
        return codes;
    }
}
