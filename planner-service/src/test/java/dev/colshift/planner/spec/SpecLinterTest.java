package dev.colshift.planner.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.colshift.schemas.MigrationSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the linter reports about a spec on its own, each problem naming the field at fault. */
class SpecLinterTest {

    private static MigrationSpec seed() {
        return new MigrationSpec("users", "last_login", "timestamptz", "now()", false, null, null);
    }

    private static MigrationSpec spec(
            String table,
            String column,
            String type,
            String defaultExpression,
            Boolean nullable,
            String backfillExpression,
            Integer batchSize) {
        return new MigrationSpec(table, column, type, defaultExpression, nullable, backfillExpression, batchSize);
    }

    @Test
    void theSeedHasNoProblems() {
        assertEquals(List.of(), SpecLinter.lint(seed()));
    }

    @Test
    void otherGoodSpecsHaveNoProblems() {
        assertEquals(List.of(), SpecLinter.lint(spec("public.users", "note", "text", null, null, null, null)));
        assertEquals(List.of(), SpecLinter.lint(spec("users", "note", "varchar(20)", null, true, null, 1)));
        assertEquals(
                List.of(),
                SpecLinter.lint(
                        spec("users", "plan_code", "integer", null, false, "plan_id * 10", SpecLinter.MAX_BATCH_SIZE)));
        assertEquals(List.of(), SpecLinter.lint(spec("users", "c", "int", "0", false, "plan_id", 500)));
    }

    @Test
    void aNullSpecIsMissingItsTable() {
        assertEquals(List.of(new SpecProblem.MissingField("table")), SpecLinter.lint(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void blankIsMissing(String blank) {
        assertEquals(
                List.of(new SpecProblem.MissingField("table")),
                SpecLinter.lint(spec(blank, "c", "int", null, null, null, null)));
        assertEquals(
                List.of(new SpecProblem.MissingField("column")),
                SpecLinter.lint(spec("users", blank, "int", null, null, null, null)));
        assertEquals(
                List.of(new SpecProblem.MissingField("type")),
                SpecLinter.lint(spec("users", "c", blank, null, null, null, null)));
    }

    @Test
    void missingFields() {
        assertEquals(
                List.of(new SpecProblem.MissingField("table")),
                SpecLinter.lint(spec(null, "c", "int", null, null, null, null)));
        assertEquals(
                List.of(new SpecProblem.MissingField("column")),
                SpecLinter.lint(spec("users", null, "int", null, null, null, null)));
        assertEquals(
                List.of(new SpecProblem.MissingField("type")),
                SpecLinter.lint(spec("users", "c", null, null, null, null, null)));
    }

    @Test
    void invalidIdentifiers() {
        assertEquals(
                List.of(new SpecProblem.InvalidIdentifier("table", "users;drop")),
                SpecLinter.lint(spec("users;drop", "c", "int", null, null, null, null)));
        assertEquals(
                List.of(new SpecProblem.InvalidIdentifier("table", "a.b.c")),
                SpecLinter.lint(spec("a.b.c", "c", "int", null, null, null, null)));
        assertEquals(
                List.of(new SpecProblem.InvalidIdentifier("column", "1col")),
                SpecLinter.lint(spec("users", "1col", "int", null, null, null, null)));
        assertEquals(
                List.of(new SpecProblem.InvalidIdentifier("column", "a\"b")),
                SpecLinter.lint(spec("users", "a\"b", "int", null, null, null, null)));
    }

    @Test
    void invalidTypeShape() {
        assertEquals(
                List.of(new SpecProblem.InvalidType("type", "int; drop table x", "not a type name")),
                SpecLinter.lint(spec("users", "c", "int; drop table x", null, null, null, null)));
    }

    @Test
    void badDefaultExpression() {
        assertEquals(
                List.of(new SpecProblem.InvalidExpression(
                        "defaultExpression", "1; drop table users", "';' is not allowed: one expression only")),
                SpecLinter.lint(spec("users", "c", "int", "1; drop table users", null, null, null)));
    }

    @Test
    void badBackfillExpression() {
        assertEquals(
                List.of(new SpecProblem.InvalidExpression("backfillExpression", "1) , other = (2", "unbalanced ')'")),
                SpecLinter.lint(spec("users", "c", "int", null, null, "1) , other = (2", null)));
    }

    @Test
    void blankExpressionsAreRefusedNotIgnored() {
        assertEquals(
                List.of(new SpecProblem.InvalidExpression("defaultExpression", " ", "expression is empty")),
                SpecLinter.lint(spec("users", "c", "int", " ", null, null, null)));
    }

    @Test
    void notNullWithoutAValueIsLeftToPostgreSqlWhichKnowsWhetherTheTableHasRows() {
        assertEquals(List.of(), SpecLinter.lint(spec("users", "c", "int", null, false, null, null)));
    }

    @Test
    void notNullWithAMalformedDefaultReportsOnlyTheExpression() {
        List<SpecProblem> problems = SpecLinter.lint(spec("users", "c", "int", "(1", false, null, null));
        assertEquals(1, problems.size());
        assertEquals("defaultExpression", problems.get(0).field());
    }

    @Test
    void nullableDefaultsToTrue() {
        assertEquals(List.of(), SpecLinter.lint(spec("users", "c", "int", null, null, null, null)));
        assertEquals(List.of(), SpecLinter.lint(spec("users", "c", "int", null, true, null, null)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 1_000_001, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void batchSizeOutOfRange(int batchSize) {
        assertEquals(
                List.of(new SpecProblem.OutOfRange("batchSize", "must be between 1 and 1000000")),
                SpecLinter.lint(spec("users", "c", "int", null, null, null, batchSize)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10_000, 1_000_000})
    void batchSizeInRange(int batchSize) {
        assertEquals(List.of(), SpecLinter.lint(spec("users", "c", "int", null, null, null, batchSize)));
    }

    @Test
    void reportsEveryProblemInFieldOrder() {
        List<SpecProblem> problems = SpecLinter.lint(spec("a.b.c", "1col", "int)", "(1", false, "a -- c", 0));
        assertEquals(
                List.of("table", "column", "type", "defaultExpression", "backfillExpression", "batchSize"),
                problems.stream().map(SpecProblem::field).toList());
        assertEquals(
                List.of(
                        SpecProblem.InvalidIdentifier.class,
                        SpecProblem.InvalidIdentifier.class,
                        SpecProblem.InvalidType.class,
                        SpecProblem.InvalidExpression.class,
                        SpecProblem.InvalidExpression.class,
                        SpecProblem.OutOfRange.class),
                problems.stream().map(Object::getClass).toList());
    }

    @Test
    void reportsEveryMissingFieldTogether() {
        assertEquals(
                List.of(
                        new SpecProblem.MissingField("table"),
                        new SpecProblem.MissingField("column"),
                        new SpecProblem.MissingField("type")),
                SpecLinter.lint(spec(null, null, null, null, false, null, null)));
    }

    @Test
    void codesAreStableKebabCase() {
        assertEquals("missing-field", new SpecProblem.MissingField("table").code());
        assertEquals("not-null-without-value", new SpecProblem.NotNullWithoutValue("nullable").code());
        assertEquals("out-of-range", new SpecProblem.OutOfRange("batchSize", "x").code());
        assertEquals("invalid-expression", new SpecProblem.InvalidExpression("f", "e", "r").code());
    }
}
