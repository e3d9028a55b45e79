package dev.colshift.planner.spec;

/**
 * Why a migration spec was refused. One mapping turns these into problem+json (REST) or a rejected-request event
 * (Kafka); {@link #field()} names the spec field at fault.
 */
public sealed interface SpecProblem {
    String field();

    String title();

    String detail();

    /** A stable, URL-safe name for the kind of problem, used as the problem+json type suffix. */
    default String code() {
        return getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
    }

    record MissingField(String field) implements SpecProblem {
        public String title() {
            return "Missing field";
        }

        public String detail() {
            return "'" + field + "' is required";
        }
    }

    record InvalidIdentifier(String field, String value) implements SpecProblem {
        public String title() {
            return "Invalid identifier";
        }

        public String detail() {
            return "'" + field + "' must be a PostgreSQL identifier (letters, digits, _ and $, starting with a letter"
                    + " or _, at most 63 bytes); got '" + value + "'";
        }
    }

    record TableNotFound(String field, String table) implements SpecProblem {
        public String title() {
            return "Table not found";
        }

        public String detail() {
            return "no table '" + table + "' on the search path of the target database";
        }
    }

    record ColumnAlreadyExists(String field, String table, String column) implements SpecProblem {
        public String title() {
            return "Column already exists";
        }

        public String detail() {
            return "table " + table + " already has a column '" + column + "'";
        }
    }

    record NoUsablePrimaryKey(String field, String table, String reason) implements SpecProblem {
        public String title() {
            return "No usable primary key";
        }

        public String detail() {
            return "table " + table + " cannot be backfilled in key ranges: " + reason;
        }
    }

    record InvalidType(String field, String type, String reason) implements SpecProblem {
        public String title() {
            return "Invalid type";
        }

        public String detail() {
            return "'" + type + "' is not a usable column type: " + reason;
        }
    }

    record InvalidExpression(String field, String expression, String reason) implements SpecProblem {
        public String title() {
            return "Invalid expression";
        }

        public String detail() {
            return "'" + expression + "' was refused: " + reason;
        }
    }

    record OutOfRange(String field, String reason) implements SpecProblem {
        public String title() {
            return "Value out of range";
        }

        public String detail() {
            return "'" + field + "' " + reason;
        }
    }

    record NotNullWithoutValue(String field) implements SpecProblem {
        public String title() {
            return "NOT NULL column without a value";
        }

        public String detail() {
            return "the table has rows, and a NOT NULL column without a value for them cannot be added: give it a"
                    + " DEFAULT (a constant or now() is metadata-only), or a backfillExpression, or add it nullable";
        }
    }

    record InvalidJson(String field, String reason) implements SpecProblem {
        public String title() {
            return "Malformed request";
        }

        public String detail() {
            return reason;
        }
    }

    record UnknownField(String field) implements SpecProblem {
        public String title() {
            return "Unknown field";
        }

        public String detail() {
            return "'" + field + "' is not a spec field (table, column, type, defaultExpression, nullable,"
                    + " backfillExpression, batchSize)";
        }
    }

    /** PostgreSQL refused a step of the plan when it was rehearsed on a copy of the table. */
    record RehearsalFailed(String field, String step, String reason) implements SpecProblem {
        public String title() {
            return "Refused by PostgreSQL in the rehearsal";
        }

        public String detail() {
            return "step " + step + " failed on a copy of the table: " + reason;
        }
    }

    /** A lint rule's finding that blocks the change: an error, or a hazard the request did not allow. */
    record LintFinding(String field, String rule, String title, String detail) implements SpecProblem {
        @Override
        public String code() {
            return rule;
        }
    }

    /** An object the change would create already exists. */
    record ObjectAlreadyExists(String field, String kind, String name) implements SpecProblem {
        public String title() {
            return "Object already exists";
        }

        public String detail() {
            return "the change would create " + kind + " '" + name + "', which already exists; name it differently";
        }
    }

    record ColumnNotFound(String field, String table, String column) implements SpecProblem {
        public String title() {
            return "Column not found";
        }

        public String detail() {
            return "table " + table + " has no column '" + column + "'";
        }
    }

    /** The SQL is not a change colshift makes, or not in a form it reads. */
    record UnsupportedSql(String field, String reason) implements SpecProblem {
        public String title() {
            return "Unsupported SQL";
        }

        public String detail() {
            return reason;
        }
    }

    /** The SQL cannot be read at all (an unterminated string, a stray character). */
    record SqlSyntax(String field, String reason) implements SpecProblem {
        public String title() {
            return "SQL syntax error";
        }

        public String detail() {
            return reason;
        }
    }

    /**
     * A watch query colshift will not plan: not one read statement, or refused by PostgreSQL's {@code EXPLAIN} (it
     * is never run).
     */
    record InvalidWatchQuery(String field, String query, String reason) implements SpecProblem {
        public String title() {
            return "Invalid watch query";
        }

        public String detail() {
            return "watch query '" + query + "' " + reason;
        }
    }
}
