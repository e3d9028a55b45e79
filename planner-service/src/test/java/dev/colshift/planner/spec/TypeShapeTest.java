package dev.colshift.planner.spec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lexical gate in front of PostgreSQL's check of a type name. PostgreSQL resolves what passes, and the plan uses
 * its canonical spelling; what matters here is that nothing able to end or extend the statement gets through.
 */
class TypeShapeTest {

    private static final List<String> ACCEPTED = List.of(
            "timestamptz",
            "timestamp with time zone",
            "timestamp(3) with time zone",
            "double precision",
            "varchar(20)",
            "numeric(10,2)",
            "numeric(10, 2)",
            "numeric( 10 , 2 )",
            "int[]",
            "int [ ]",
            "int[][]",
            "public.mytype",
            "character varying(20)[]",
            "bit varying(8)",
            "interval",
            "\"BookingStatus\"",
            "public.\"Role\"[]");

    @Test
    void acceptsTypeNames() {
        for (String type : ACCEPTED) {
            assertTrue(TypeShape.isAcceptable(type), type);
        }
    }

    @Test
    void normalisesSurroundingAndRepeatedWhitespace() {
        assertTrue(TypeShape.isAcceptable("  double   precision "));
        assertTrue(TypeShape.isAcceptable("timestamp\twith\ntime zone"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "int; drop table x",
                "int)",
                "int(",
                "text default 'x'",
                "int -- x",
                "int /* x */",
                "varchar(x)",
                "varchar(20",
                "varchar(-1)",
                "numeric(12345)",
                "numeric(1,2,3)",
                "\"My\"\"Type\"",
                "\"a\\\\b\"",
                "int[",
                "a.b.c",
                "1int",
                "",
                " ",
                "int\\",
                "int $$",
                "int, other int"
            })
    void refuses(String type) {
        assertFalse(TypeShape.isAcceptable(type), type);
    }

    @Test
    void refusesOverTwoHundredCharacters() {
        assertTrue(TypeShape.isAcceptable("a".repeat(200)));
        assertFalse(TypeShape.isAcceptable("a".repeat(201)));
    }

    /** Every accepted type with something dangerous put before, inside or after it is refused. */
    @Test
    void nothingThatCouldEndOrExtendTheStatementIsAccepted() {
        List<String> injections = List.of(
                ";",
                "'",
                "\"",
                "--",
                "/*",
                "*/",
                "(x",
                "( a)",
                "('1')",
                "(-1)",
                "()",
                "$",
                "\\",
                ")",
                "; drop table users",
                "' || '",
                "(1) ; select 1");
        for (String type : ACCEPTED) {
            for (String injection : injections) {
                for (int at : List.of(0, type.length() / 2, type.length())) {
                    String candidate = type.substring(0, at) + injection + type.substring(at);
                    assertFalse(TypeShape.isAcceptable(candidate), candidate);
                    assertFalse(
                            TypeShape.isAcceptable(type.substring(0, at) + " " + injection + " " + type.substring(at)),
                            candidate);
                }
            }
        }
    }
}
