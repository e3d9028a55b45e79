package dev.colshift.schemas;

/**
 * One column of the key a backfill walks, in key order.
 *
 * @param name the column's name as the catalog has it (quoted wherever it reaches SQL)
 * @param type the column's type as PostgreSQL spells it ({@code format_type(atttypid, NULL)}, already quoted where it
 *             needs to be), the type a bound's text is cast to
 */
public record KeyColumn(String name, String type) {
    public KeyColumn {
        if (name == null || name.isEmpty() || type == null || type.isEmpty()) {
            throw new IllegalArgumentException("a key column needs a name and a type");
        }
    }
}
