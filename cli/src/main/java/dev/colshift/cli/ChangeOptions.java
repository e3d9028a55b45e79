package dev.colshift.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The change a {@code plan} or {@code apply} sends: a file, how to send it, the hazards it accepts and the queries to
 * watch.
 */
public final class ChangeOptions {
    @Parameters(
            index = "0",
            paramLabel = "FILE",
            description = "the change: ALTER TABLE ... ADD COLUMN ... (.sql) or a JSON spec (.json)")
    Path file;

    @Option(
            names = "--format",
            paramLabel = "sql|json",
            description = "how to send FILE (default: by its extension, .sql or .json)")
    ChangeFile.Format format;

    @Option(
            names = "--allow-hazard",
            paramLabel = "RULE",
            split = ",",
            description = "accept a hazard the planner would refuse, by its lint rule id (repeatable)")
    List<String> allowHazards = new ArrayList<>();

    @Option(
            names = "--watch-query",
            paramLabel = "SQL",
            description = "a read query that matters to the application: planned before the change and checked by the"
                    + " verifier after it (repeatable)")
    List<String> watchQueries = new ArrayList<>();

    ChangeFile read() {
        return ChangeFile.read(file, format, allowHazards, watchQueries);
    }
}
