package dev.colshift.planner.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.colshift.planner.spec.SpecProblem;
import dev.colshift.planner.spec.SpecRejectedException;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.MigrationSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a request body into a {@link MigrationSpec}, refusing what a lenient reader would guess at: non-objects,
 * unknown fields (a misspelt {@code defaultExpresion} must not be silently dropped) and values of the wrong type.
 */
public final class SpecReader {
    private static final Set<String> FIELDS = Arrays.stream(MigrationSpec.class.getRecordComponents())
            .map(c -> c.getName())
            .collect(Collectors.toUnmodifiableSet());

    private SpecReader() {}

    public static MigrationSpec read(String body) {
        JsonNode tree;
        try {
            tree = body == null || body.isBlank() ? null : EventCodec.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new SpecRejectedException(new SpecProblem.InvalidJson("body", e.getOriginalMessage()));
        }
        if (tree == null || !tree.isObject()) {
            throw new SpecRejectedException(new SpecProblem.InvalidJson("body", "the body must be a JSON object"));
        }
        List<SpecProblem> unknown = new ArrayList<>();
        for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                unknown.add(new SpecProblem.UnknownField(name));
            }
        }
        if (!unknown.isEmpty()) {
            throw new SpecRejectedException(unknown);
        }
        try {
            return EventCodec.mapper().treeToValue(tree, MigrationSpec.class);
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? "body" : e.getPath().get(0).getFieldName();
            throw new SpecRejectedException(new SpecProblem.InvalidJson(field, "wrong type for '" + field + "'"));
        } catch (JsonProcessingException e) {
            throw new SpecRejectedException(new SpecProblem.InvalidJson("body", e.getOriginalMessage()));
        }
    }
}
