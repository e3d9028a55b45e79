package dev.colshift.verifier.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colshift.schemas.MigrationSpec;
import dev.colshift.verifier.MigrationUnderCheck;
import dev.colshift.verifier.db.ColumnFacts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure comparisons behind column-shape and no-nulls. */
class ColumnShapeCheckTest {

    static MigrationUnderCheck migration(String type, String defaultExpression, Boolean nullable, String backfill) {
        return new MigrationUnderCheck(
                "m1",
                new MigrationSpec(
                        "public.users", "last_login", "timestamptz", defaultExpression, nullable, backfill, null),
                "public",
                "users",
                "last_login",
                "id",
                type,
                List.of(),
                null,
                null,
                null,
                null);
    }

    @Test
    void matchingColumnPasses() {
        CheckOutcome result = ColumnShapeCheck.evaluate(
                migration("timestamp with time zone", "now()", false, null),
                new ColumnFacts("timestamp with time zone", true, "now()"));
        assertTrue(result.passed(), result.detail());
        assertEquals("last_login timestamp with time zone NOT NULL DEFAULT now()", result.detail());
    }

    @Test
    void everyMismatchIsListed() {
        CheckOutcome result =
                ColumnShapeCheck.evaluate(migration("bigint", null, null, null), new ColumnFacts("integer", true, "0"));
        assertFalse(result.passed());
        assertEquals(
                "last_login integer NOT NULL DEFAULT 0: type is integer, plan expects bigint; "
                        + "has default 0, spec asks for none; is NOT NULL, spec allows NULL",
                result.detail());
    }

    @Test
    void missingDefaultAndNullabilityAreReported() {
        CheckOutcome result =
                ColumnShapeCheck.evaluate(migration("text", "'x'", false, null), new ColumnFacts("text", false, null));
        assertEquals(
                "last_login text NULL: has no default, spec asks for 'x'; allows NULL, spec asks for NOT NULL",
                result.detail());
    }

    @Test
    void missingColumnFails() {
        CheckOutcome result = ColumnShapeCheck.evaluate(migration("text", null, null, null), null);
        assertFalse(result.passed());
        assertEquals("column last_login does not exist on public.users", result.detail());
    }

    @Test
    void nullsAreForbiddenByNotNullOrByAnyFillValue() {
        assertEquals(
                "the spec asks for NOT NULL",
                NoNullsCheck.reasonNullsAreForbidden(migration("text", null, false, null)));
        assertEquals(
                "the spec fills existing rows with 'a'",
                NoNullsCheck.reasonNullsAreForbidden(migration("text", "'d'", true, "'a'")));
        assertEquals(
                "the spec fills existing rows with 'd'",
                NoNullsCheck.reasonNullsAreForbidden(migration("text", "'d'", null, null)));
        assertNull(NoNullsCheck.reasonNullsAreForbidden(migration("text", null, true, null)));
    }

    @Test
    void aSerialColumnIsNotNullWithItsSequenceAsDefault() {
        MigrationUnderCheck serial = new MigrationUnderCheck(
                "m1",
                new MigrationSpec("public.users", "seq", "bigserial", null, null, null, null),
                "public",
                "users",
                "seq",
                "id",
                "bigint",
                List.of(),
                null,
                null,
                null,
                null);
        assertTrue(
                ColumnShapeCheck.evaluate(serial, new ColumnFacts("bigint", true, "nextval('users_seq_seq'::regclass)"))
                        .passed());
        assertFalse(ColumnShapeCheck.evaluate(serial, new ColumnFacts("bigint", false, null))
                .passed());
    }
}
