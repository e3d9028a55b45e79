package dev.colshift.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.colshift.schemas.EventCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A change read from a file, as the planner takes it: SQL ({@code application/sql}, hazards allowed through the
 * {@code allowHazards} query parameter) or a JSON spec ({@code application/json}, hazards in its {@code allowHazards}
 * field). The planner judges the content; this only decides how to send it.
 *
 * @param queryHazards the hazards to send as the query parameter (the SQL door); empty for JSON
 * @param queryWatches the watch queries to send as {@code watch} query parameters (the SQL door); empty for JSON
 */
public record ChangeFile(Path path, Format format, String body, List<String> queryHazards, List<String> queryWatches) {

    /** How the file is sent. */
    public enum Format {
        sql(PlannerClient.SQL),
        json(PlannerClient.JSON);

        final String mediaType;

        Format(String mediaType) {
            this.mediaType = mediaType;
        }
    }

    public String mediaType() {
        return format.mediaType;
    }

    /**
     * @param format       null to go by the file's extension ({@code .sql} or {@code .json})
     * @param allowHazards lint rule ids of hazards to accept
     * @param watchQueries read queries the verifier should find no worse planned afterwards
     */
    public static ChangeFile read(Path path, Format format, List<String> allowHazards, List<String> watchQueries) {
        Format chosen = format != null ? format : byExtension(path);
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw new CliFailure(ExitCode.BAD_INPUT, "cannot read " + path + ": " + e);
        }
        if (chosen == Format.sql) {
            return new ChangeFile(path, chosen, text, List.copyOf(allowHazards), List.copyOf(watchQueries));
        }
        String spec = withAdded(withAdded(text, "allowHazards", allowHazards), "watchQueries", watchQueries);
        return new ChangeFile(path, chosen, spec, List.of(), List.of());
    }

    static Format byExtension(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".sql")) {
            return Format.sql;
        }
        if (name.endsWith(".json")) {
            return Format.json;
        }
        throw new CliFailure(
                ExitCode.BAD_INPUT,
                "cannot tell what " + path + " holds: name it .sql or .json, or pass --format sql|json");
    }

    /**
     * The spec with {@code values} added to its array {@code field} (once each). A body that is not a JSON object is
     * left as it is: the planner says what is wrong with it.
     */
    static String withAdded(String specJson, String field, List<String> values) {
        if (values.isEmpty()) {
            return specJson;
        }
        JsonNode tree;
        try {
            tree = EventCodec.mapper().readTree(specJson);
        } catch (JsonProcessingException e) {
            return specJson;
        }
        if (!(tree instanceof ObjectNode spec)) {
            return specJson;
        }
        JsonNode existing = spec.path(field);
        if (!existing.isArray() && !existing.isMissingNode()) {
            return specJson;
        }
        ArrayNode array = existing.isArray() ? (ArrayNode) existing : spec.putArray(field);
        for (String value : values) {
            boolean present = false;
            for (JsonNode already : array) {
                present |= already.asText().equals(value);
            }
            if (!present) {
                array.add(value);
            }
        }
        return spec.toString();
    }
}
