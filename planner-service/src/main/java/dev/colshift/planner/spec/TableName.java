package dev.colshift.planner.spec;

import java.util.Optional;

/** A table named by the user: {@code users} (resolved on the search path) or {@code public.users}. */
public record TableName(Optional<String> schema, String name) {

    /** Parses the spec's table field, or empty when either part is not a valid identifier. */
    public static Optional<TableName> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length == 1 && Identifiers.isValid(parts[0])) {
            return Optional.of(new TableName(Optional.empty(), parts[0]));
        }
        if (parts.length == 2 && Identifiers.isValid(parts[0]) && Identifiers.isValid(parts[1])) {
            return Optional.of(new TableName(Optional.of(parts[0]), parts[1]));
        }
        return Optional.empty();
    }
}
