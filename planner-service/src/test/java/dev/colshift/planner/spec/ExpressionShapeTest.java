package dev.colshift.planner.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The lexical gate in front of PostgreSQL's own check: one expression that cannot escape its parentheses. */
class ExpressionShapeTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "now()",
                "plan_id * 10",
                "'it''s'",
                "coalesce(a, 'x)')",
                "coalesce(a, '(')",
                "\"Weird Col\" + 1",
                "\"we\"\"ird\" || 'x'",
                "CASE WHEN a THEN 1 ELSE 2 END",
                "'a -- not a comment'",
                "'a /* not a comment */'",
                "'a; b'",
                "\"a;b\"",
                "((1))",
                "(SELECT max(id) FROM users)",
                "lower(email)\n|| 'x'",
                "''"
            })
    void acceptsOneExpression(String expression) {
        assertEquals(Optional.empty(), ExpressionShape.problem(expression), expression);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            1; drop table users     | ';' is not allowed
            1) , other = (2         | unbalanced ')'
            )(                      | unbalanced ')'
            (1                      | unbalanced '('
            coalesce(a, 'x'         | unbalanced '('
            a -- c                  | comments are not allowed
            a /* c */               | comments are not allowed
            $$x$$                   | '$' (dollar quoting or parameters)
            $1                      | '$' (dollar quoting or parameters)
            a$b                     | '$' (dollar quoting or parameters)
            'abc                    | unterminated string literal
            'it''s                  | unterminated string literal
            "abc                    | unterminated quoted identifier
            a \\ b                  | backslash is not allowed
            """)
    void refusesWithAReason(String expression, String reason) {
        Optional<String> problem = ExpressionShape.problem(expression);
        assertTrue(problem.isPresent(), expression);
        assertTrue(problem.get().contains(reason), problem.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void refusesBlank(String expression) {
        assertEquals(Optional.of("expression is empty"), ExpressionShape.problem(expression));
    }

    @Test
    void acceptsUpToTwoThousandCharacters() {
        assertEquals(Optional.empty(), ExpressionShape.problem("1".repeat(2000)));
        assertEquals(
                Optional.of("expression is longer than 2000 characters"), ExpressionShape.problem("1".repeat(2001)));
    }

    @Test
    void theFirstProblemIsReported() {
        assertEquals(Optional.of("';' is not allowed: one expression only"), ExpressionShape.problem("(1; $1"));
    }

    /**
     * In an escape string (E'...') PostgreSQL reads \' as a quote inside the literal, so the gate and PostgreSQL
     * disagree about where the literal ends. This text is accepted, yet wrapped in colshift's parentheses it closes
     * them, and the backfill UPDATE becomes
     * {@code SET "c" = (E'\' '), "email" = ('pwned' ||'') WHERE ...}: every backfilled row gets its email
     * overwritten. Checked against PostgreSQL 15, including the rehearsal's statements, which all succeed.
     */
    @Test
    void refusesEscapeStringsThatHideAQuote() {
        String escapes = "E'\\' '), \"email\" = ('pwned' --'\n||''";
        assertTrue(ExpressionShape.problem(escapes).isPresent(), escapes);
        assertTrue(ExpressionShape.problem("e'\\''").isPresent());
    }
}
