package dev.colshift.verifier.check;

import dev.colshift.schemas.MigrationSpec;
import dev.colshift.verifier.MigrationUnderCheck;
import dev.colshift.verifier.db.ColumnFacts;
import dev.colshift.verifier.db.RequestedShape;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The column exists with the planned type, the requested collation, exactly the requested default (as PostgreSQL
 * prints it for the requested expression: a different default fails), identity or generation, and nullability.
 */
@ApplicationScoped
public class ColumnShapeCheck implements VerificationCheck {
    static final String NAME = "column-shape";
    private static final Set<String> SERIAL_TYPES =
            Set.of("smallserial", "serial2", "serial", "serial4", "bigserial", "serial8");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean appliesTo(MigrationUnderCheck migration) {
        return true;
    }

    @Override
    public Uni<CheckOutcome> run(MigrationUnderCheck m, CheckContext context) {
        return context.db()
                .readOnly(db -> ColumnFacts.find(db, m.quotedTable(), m.column()))
                .map(actual -> evaluate(m, context.requested(), actual)
                        .withSql(List.of(ColumnFacts.sql().strip())));
    }

    /** Compares with the plan and spec only, as when the probe could not run. */
    static CheckOutcome evaluate(MigrationUnderCheck m, ColumnFacts actual) {
        return evaluate(m, null, actual);
    }

    /**
     * Compares the catalog's view of the column with the plan, the spec and the probe's column; {@code actual} is null
     * when the column is missing, {@code requested} null when only the spec's text is known.
     */
    static CheckOutcome evaluate(MigrationUnderCheck m, RequestedShape requested, ColumnFacts actual) {
        if (actual == null) {
            return CheckOutcome.fail(NAME, "column " + m.column() + " does not exist on " + m.tableName());
        }
        ColumnFacts probe = requested == null ? null : requested.column();
        List<String> problems = new ArrayList<>();
        String expectedType = m.canonicalType() != null ? m.canonicalType() : probe == null ? null : probe.type();
        if (expectedType == null) {
            problems.add("cannot tell the requested type: " + (requested == null ? "no probe" : requested.problem()));
        } else if (!actual.type().equals(expectedType)) {
            problems.add("type is " + actual.type() + ", " + (m.ledgered() ? "plan" : "request") + " expects "
                    + expectedType);
        }
        if (probe != null && actual.collation() != probe.collation()) {
            problems.add("collation is " + collation(actual) + ", spec asks for " + collation(probe));
        }
        defaultProblem(m.spec(), probe, actual).ifPresent(problems::add);
        boolean wantNotNull =
                !m.spec().allowsNull() || isSerial(m.spec()) || m.spec().identity() != null;
        if (actual.notNull() != wantNotNull) {
            problems.add(actual.notNull() ? "is NOT NULL, spec allows NULL" : "allows NULL, spec asks for NOT NULL");
        }
        String shape = m.column() + " " + actual.describe();
        return problems.isEmpty()
                ? CheckOutcome.pass(NAME, shape)
                : CheckOutcome.fail(NAME, shape + ": " + String.join("; ", problems));
    }

    private static Optional<String> defaultProblem(MigrationSpec spec, ColumnFacts probe, ColumnFacts actual) {
        String has = actual.defaultExpression();
        if (spec.identity() != null || (probe != null && !probe.identity().isEmpty())) {
            String want = probe == null ? "" : probe.identity();
            return actual.identity().equals(want) && !want.isEmpty()
                    ? Optional.empty()
                    : Optional.of("identity is '" + actual.identity() + "', spec asks for " + spec.identity());
        }
        if (isSerial(spec)) {
            // the sequence's name depends on the table and schema, so only its shape is compared
            return has != null && has.startsWith("nextval(")
                    ? Optional.empty()
                    : Optional.of(
                            has == null
                                    ? "has no default, spec asks for nextval(...)"
                                    : "has default " + has + ", a serial column defaults to nextval(...)");
        }
        String asked = spec.generated() != null ? spec.generated().expression() : spec.defaultExpression();
        String want = probe != null ? probe.defaultExpression() : asked;
        String what = spec.generated() != null ? "generation expression" : "default";
        if (asked != null && has == null) {
            return Optional.of("has no " + what + ", spec asks for " + asked);
        }
        if (asked == null && has != null) {
            return Optional.of("has " + what + " " + has + ", spec asks for none");
        }
        if (asked != null && probe != null && !Objects.equals(has, want)) {
            return Optional.of(what + " is " + has + ", spec asks for " + asked + " (PostgreSQL: " + want + ")");
        }
        if (probe != null && !actual.generated().equals(probe.generated())) {
            return Optional.of("generated is '" + actual.generated() + "', spec asks for '" + probe.generated() + "'");
        }
        return Optional.empty();
    }

    private static String collation(ColumnFacts facts) {
        return facts.collationName() == null ? "none" : '"' + facts.collationName() + '"';
    }

    static boolean isSerial(MigrationSpec spec) {
        return spec.type() != null && SERIAL_TYPES.contains(spec.type().trim().toLowerCase(Locale.ROOT));
    }
}
