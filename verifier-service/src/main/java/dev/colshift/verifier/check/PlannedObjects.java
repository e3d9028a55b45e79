package dev.colshift.verifier.check;

import dev.colshift.schemas.MigrationSpec;
import dev.colshift.verifier.MigrationUnderCheck;
import dev.colshift.verifier.PlannedStep;
import dev.colshift.verifier.db.IndexShape;
import dev.colshift.verifier.db.RequestedShape;
import java.util.ArrayList;
import java.util.List;

/**
 * The constraints and indexes a plan adds, read from its steps (constraint names from each step's {@code ADD
 * CONSTRAINT}, indexes from {@code createsIndex}) and paired with what the spec asked for each. Pure.
 */
public final class PlannedObjects {
    private static final String ADD_CONSTRAINT = " ADD CONSTRAINT ";

    private PlannedObjects() {}

    /**
     * A constraint the plan adds.
     *
     * @param kind       {@code c} check, {@code f} foreign key, {@code u} unique, {@code p} primary key
     * @param expression for a check, pg_get_expr of the requested expression (null when unknown)
     * @param references for a foreign key, what it was asked to reference
     */
    public record PlannedConstraint(
            String stepId, String name, char kind, String expression, MigrationSpec.ForeignKeySpec references) {}

    /** An index the plan builds: {@code name} as {@code createsIndex} spells it ("schema"."name"). */
    public record PlannedIndex(String stepId, String name, IndexShape shape) {}

    public static List<PlannedConstraint> constraints(MigrationUnderCheck m, RequestedShape requested) {
        List<PlannedConstraint> planned = new ArrayList<>();
        int check = 0;
        for (PlannedStep step : m.steps()) {
            String action = step.action();
            String name = step.statements().isEmpty()
                    ? null
                    : constraintName(step.statements().get(0));
            if (action.equals("add_check") || action.startsWith("add_check_")) {
                List<String> expressions = requested == null ? List.of() : requested.checkExpressions();
                planned.add(new PlannedConstraint(
                        step.id(), name, 'c', check < expressions.size() ? expressions.get(check) : null, null));
                check++;
            } else if (action.equals("add_foreign_key")) {
                planned.add(new PlannedConstraint(
                        step.id(), name, 'f', null, m.spec().references()));
            } else if (action.equals("add_unique_constraint")) {
                planned.add(new PlannedConstraint(step.id(), name, 'u', null, null));
            } else if (action.equals("add_primary_key")) {
                planned.add(new PlannedConstraint(step.id(), name, 'p', null, null));
            }
        }
        return planned;
    }

    public static List<PlannedIndex> indexes(MigrationUnderCheck m, RequestedShape requested) {
        List<PlannedIndex> planned = new ArrayList<>();
        int index = 0;
        for (PlannedStep step : m.steps()) {
            if (step.createsIndex() == null) {
                continue;
            }
            String action = step.action();
            IndexShape shape = null;
            if (action.equals("build_unique_index") || action.equals("build_primary_key_index")) {
                shape = requested == null ? null : requested.uniqueIndex();
            } else if (action.startsWith("build_index_")) {
                List<IndexShape> shapes = requested == null ? List.of() : requested.indexes();
                shape = index < shapes.size() ? shapes.get(index) : null;
                index++;
            }
            planned.add(new PlannedIndex(step.id(), step.createsIndex(), shape));
        }
        return planned;
    }

    /** The name after {@code ADD CONSTRAINT}, unquoted as the catalog holds it; null when there is none. */
    static String constraintName(String statement) {
        int at = statement.indexOf(ADD_CONSTRAINT);
        if (at < 0) {
            return null;
        }
        int i = at + ADD_CONSTRAINT.length();
        if (i >= statement.length()) {
            return null;
        }
        if (statement.charAt(i) != '"') {
            int end = statement.indexOf(' ', i);
            return statement.substring(i, end < 0 ? statement.length() : end);
        }
        StringBuilder name = new StringBuilder();
        for (i = i + 1; i < statement.length(); i++) {
            char c = statement.charAt(i);
            if (c == '"') {
                if (i + 1 < statement.length() && statement.charAt(i + 1) == '"') {
                    name.append('"');
                    i++;
                } else {
                    return name.toString();
                }
            } else {
                name.append(c);
            }
        }
        return null;
    }
}
