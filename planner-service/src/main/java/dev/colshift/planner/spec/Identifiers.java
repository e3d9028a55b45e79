package dev.colshift.planner.spec;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** What colshift accepts as a user-supplied identifier, and how it always reaches SQL: double-quoted. */
public final class Identifiers {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
    private static final int MAX_BYTES = 63;

    private Identifiers() {}

    public static boolean isValid(String name) {
        return name != null
                && IDENTIFIER.matcher(name).matches()
                && name.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }

    /** Quotes an identifier the way PostgreSQL's quote_ident does, whatever it contains. */
    public static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    public static String qualified(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }
}
