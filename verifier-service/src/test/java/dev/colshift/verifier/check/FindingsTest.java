package dev.colshift.verifier.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colshift.schemas.MigrationSpec.ForeignKeySpec;
import dev.colshift.verifier.check.ConstraintsValidatedCheck.FoundConstraint;
import dev.colshift.verifier.check.PlannedObjects.PlannedConstraint;
import dev.colshift.verifier.check.PlannedObjects.PlannedIndex;
import dev.colshift.verifier.db.IndexShape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure verdicts of value-consistency, constraints-validated and indexes-valid. */
class FindingsTest {
    @Test
    void differingBackfilledRowsFailWithTheirKeys() {
        CheckOutcome outcome = ValueConsistencyCheck.evaluate(
                "plan_id * 10", "id", 25, 0, new ChunkedScan.Totals(25, 22, 1, 3, List.of("5")));
        assertEquals(
                "1 row(s) written by the backfill differ from plan_id * 10; first id values: 5"
                        + " (22 of 25 row(s) last written by the backfill)",
                outcome.detail());
        assertEquals(List.of("5"), outcome.sampleKeys());
        assertEquals(3L, outcome.counts().get("rowsExcludedAsApplicationWritten"));
    }

    @Test
    void moreBackfilledRowsThanTheLedgerRecordsFail() {
        CheckOutcome outcome =
                ValueConsistencyCheck.evaluate("x", "id", 10, 0, new ChunkedScan.Totals(25, 12, 0, 3, List.of()));
        assertEquals(
                "12 of 25 row(s) last written by the backfill, but the batch ledger records only 10 row(s) updated",
                outcome.detail());
        assertTrue(ValueConsistencyCheck.evaluate("x", "id", 12, 0, new ChunkedScan.Totals(25, 12, 0, 3, List.of()))
                .passed());
    }

    @Test
    void constraintMustBeValidatedOnTheColumnAsAsked() {
        PlannedConstraint fk = new PlannedConstraint(
                "add_foreign_key:public.t:c",
                "t_c_fkey",
                'f',
                null,
                new ForeignKeySpec("customers", null, "CASCADE", null, null));
        FoundConstraint notValid = new FoundConstraint(
                "f",
                false,
                "FOREIGN KEY (c) REFERENCES customers(id) ON DELETE CASCADE NOT VALID",
                null,
                true,
                "public",
                "customers",
                "c",
                "a");
        assertEquals(
                "constraint t_c_fkey (FOREIGN KEY (c) REFERENCES customers(id) ON DELETE CASCADE NOT VALID):"
                        + " NOT VALID (convalidated is false)",
                ConstraintsValidatedCheck.evaluate(fk, notValid));
        FoundConstraint elsewhere = new FoundConstraint("f", true, "def", null, true, "public", "orders", "a", "a");
        assertEquals(
                "constraint t_c_fkey (def): references public.orders, spec asks for customers,"
                        + " ON DELETE is 'a', spec asks for CASCADE",
                ConstraintsValidatedCheck.evaluate(fk, elsewhere));
        PlannedConstraint check = new PlannedConstraint("add_check:public.t:c", "t_c_check", 'c', "(c > 0)", null);
        assertEquals("constraint t_c_check is missing", ConstraintsValidatedCheck.evaluate(check, null));
        assertEquals(
                "constraint t_c_check (CHECK ((c > 1))): checks (c > 1), spec asks for (c > 0)",
                ConstraintsValidatedCheck.evaluate(
                        check,
                        new FoundConstraint("c", true, "CHECK ((c > 1))", "(c > 1)", false, null, null, null, null)));
    }

    @Test
    void indexMustBeValidReadyOnTheTableAndShapedAsAsked() {
        IndexShape asked = new IndexShape("btree", true, List.of("c"), null);
        PlannedIndex planned = new PlannedIndex("build_unique_index:public.t:c", "\"public\".\"t_c_key\"", asked);
        assertNull(IndexesValidCheck.evaluate(
                planned, 7L, new IndexShape.Found(asked, true, true, 7L, "t", "CREATE UNIQUE INDEX ...")));
        assertEquals(
                "index \"public\".\"t_c_key\": INVALID (indisvalid is false), not ready (indisready is false),"
                        + " is btree (c), spec asks for UNIQUE btree (c)",
                IndexesValidCheck.evaluate(
                        planned,
                        7L,
                        new IndexShape.Found(
                                new IndexShape("btree", false, List.of("c"), null), false, false, 7L, "t", "...")));
        assertEquals("index \"public\".\"t_c_key\" is missing", IndexesValidCheck.evaluate(planned, 7L, null));
    }
}
