package dev.colshift.schemas;

/**
 * Names of the temporary objects the planner creates on the target table and the verifier checks are gone. One
 * definition, so a change here cannot leave the verifier looking for objects under names they no longer have.
 * Unquoted; PostgreSQL stores at most 63 bytes of each.
 */
public final class HelperObjects {
    /** Schema holding the fill-if-null trigger functions. */
    public static final String FUNCTION_SCHEMA = "colshift";

    private HelperObjects() {}

    /** The {@code CHECK (col IS NOT NULL) NOT VALID} constraint that lets SET NOT NULL skip its scan. */
    public static String notNullCheck(String migrationId) {
        return "colshift_nn_" + migrationId;
    }

    /** The fill-if-null trigger, and its function in {@link #FUNCTION_SCHEMA}. */
    public static String fillTrigger(String migrationId) {
        return "colshift_fill_" + migrationId;
    }
}
