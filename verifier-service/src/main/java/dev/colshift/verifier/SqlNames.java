package dev.colshift.verifier;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** How ledger-supplied names reach SQL text (always double-quoted) and how PostgreSQL stores long ones. */
public final class SqlNames {
    /** NAMEDATALEN - 1: PostgreSQL silently truncates longer identifiers when it creates an object. */
    static final int MAX_IDENTIFIER_BYTES = 63;

    private SqlNames() {}

    /** Quotes an identifier the way PostgreSQL's quote_ident does, whatever it contains. */
    public static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    public static String qualified(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }

    /** The name as the catalog holds it: cut to 63 bytes without splitting a character. */
    public static String catalogName(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_IDENTIFIER_BYTES) {
            return name;
        }
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (int i = 0; i < name.length(); ) {
            int codePoint = name.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (used + size > MAX_IDENTIFIER_BYTES) {
                break;
            }
            kept.appendCodePoint(codePoint);
            used += size;
            i += Character.charCount(codePoint);
        }
        return kept.toString();
    }

    /** The last name of a quoted, qualified name ({@code "public"."users_idx"} → {@code users_idx}), unquoted. */
    public static String unqualified(String quotedQualified) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < quotedQualified.length(); i++) {
            char c = quotedQualified.charAt(i);
            if (c == '"' && quoted && i + 1 < quotedQualified.length() && quotedQualified.charAt(i + 1) == '"') {
                part.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts.get(parts.size() - 1);
    }
}
