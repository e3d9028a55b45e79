package dev.colshift.planner.plan;

import static dev.colshift.planner.spec.Identifiers.quote;

/**
 * SQL of the fill-if-null trigger: before a row is inserted or updated with the new column NULL, it sets the column
 * from the backfill expression evaluated on that row. The expression reads columns through a one-row subquery
 * aliased as the table, so it is written exactly as in the backfill UPDATE. If the expression fails for a row, the
 * application's write still succeeds and the column stays NULL: colshift must never make the application fail, and
 * a NULL left behind is found by the backfill, the NOT NULL validation and the verifier.
 */
public final class FillTrigger {
    private FillTrigger() {}

    public static String createFunction(String qualifiedFunction, String column, String expression, String tableAlias) {
        String col = quote(column);
        String tag = dollarTagNotIn(expression + column + tableAlias);
        return "CREATE FUNCTION " + qualifiedFunction + "() RETURNS trigger LANGUAGE plpgsql AS " + tag + "\n"
                + "#variable_conflict use_column\n"
                + "BEGIN\n"
                + "  IF NEW." + col + " IS NULL THEN\n"
                + "    BEGIN\n"
                + "      SELECT (" + expression + ") INTO NEW." + col + " FROM (SELECT NEW.*) AS " + quote(tableAlias)
                + ";\n"
                + "    EXCEPTION WHEN OTHERS THEN\n"
                + "      RAISE WARNING 'colshift fill trigger on %: value left NULL: %', TG_TABLE_NAME, SQLERRM;\n"
                + "    END;\n"
                + "  END IF;\n"
                + "  RETURN NEW;\n"
                + "END\n"
                + tag;
    }

    /** A dollar-quote tag the body's user text does not contain ('$' may stand in a literal or an identifier). */
    private static String dollarTagNotIn(String expression) {
        String tag = "$colshift$";
        for (int i = 1; expression.contains(tag); i++) {
            tag = "$colshift" + i + "$";
        }
        return tag;
    }

    /**
     * The trigger fires its function only for a row whose new column is NULL: the backfill's own UPDATE, which sets the
     * column, and every write that names it pass without a PL/pgSQL call per row.
     */
    public static String createTrigger(String trigger, String qualifiedTable, String column, String qualifiedFunction) {
        return "CREATE TRIGGER " + trigger + " BEFORE INSERT OR UPDATE ON " + qualifiedTable
                + " FOR EACH ROW WHEN (NEW." + quote(column) + " IS NULL) EXECUTE FUNCTION " + qualifiedFunction + "()";
    }
}
