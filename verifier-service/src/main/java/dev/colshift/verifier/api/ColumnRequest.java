package dev.colshift.verifier.api;

/**
 * A column added by hand, to be checked against what it was meant to be ({@code POST /verifications}).
 *
 * @param table             table name, optionally schema-qualified; read by PostgreSQL's {@code to_regclass}
 * @param nullable          whether NULL is allowed (null means true)
 * @param defaultExpression the default it should have, or null for none
 * @param collation         its collation, or null for the type's default
 */
public record ColumnRequest(
        String table, String column, String type, Boolean nullable, String defaultExpression, String collation) {}
