package dev.colshift.planner.spec;

import java.util.regex.Pattern;

/**
 * A lexical gate in front of PostgreSQL's own check of a type name: words or quoted names, an optional schema, an
 * optional modifier
 * such as {@code (20)} or {@code (10,2)}, and optional array brackets. PostgreSQL resolves it in the rehearsal, and
 * colshift then uses PostgreSQL's canonical spelling ({@code format_type}), never the user's text.
 */
public final class TypeShape {
    /** A word, or a quoted one that keeps its case ({@code "BookingStatus"}): letters, digits and _ only. */
    private static final String NAME = "([A-Za-z_][A-Za-z0-9_]*|\"[A-Za-z_][A-Za-z0-9_]{0,62}\")";

    private static final Pattern TYPE = Pattern.compile(NAME + "(\\." + NAME + ")?( [A-Za-z_][A-Za-z0-9_]*)*"
            + "( ?\\( ?\\d{1,4} ?(, ?\\d{1,4} ?)?\\))?( [A-Za-z_][A-Za-z0-9_]*)*( ?\\[ ?\\d{0,9} ?\\])*");

    private TypeShape() {}

    public static boolean isAcceptable(String type) {
        return type.length() <= 200
                && TYPE.matcher(type.trim().replaceAll("\\s+", " ")).matches();
    }
}
