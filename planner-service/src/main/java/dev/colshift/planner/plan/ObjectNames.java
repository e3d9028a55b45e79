package dev.colshift.planner.plan;

import java.nio.charset.StandardCharsets;

/**
 * Names for the constraints, indexes and sequences a column change creates when the request names none, following
 * PostgreSQL's own pattern ({@code <table>_<column>_key}, {@code _fkey}, {@code _check}, {@code _idx}, {@code _seq},
 * {@code <table>_pkey}), cut to PostgreSQL's 63-byte limit so the name colshift uses is the name the catalog keeps.
 */
public final class ObjectNames {
    static final int MAX_BYTES = 63;

    private ObjectNames() {}

    public static String of(String table, String column, String suffix) {
        String base = column == null ? table : table + "_" + column;
        return fit(base, "_" + suffix);
    }

    /** Cuts {@code base} (never the suffix) at a character boundary until the whole name fits. */
    static String fit(String base, String suffix) {
        int budget = MAX_BYTES - suffix.getBytes(StandardCharsets.UTF_8).length;
        StringBuilder kept = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < base.length(); ) {
            int cp = base.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > budget) {
                break;
            }
            kept.appendCodePoint(cp);
            bytes += size;
            i += Character.charCount(cp);
        }
        return kept + suffix;
    }
}
