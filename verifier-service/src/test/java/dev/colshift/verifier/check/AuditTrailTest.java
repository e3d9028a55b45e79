package dev.colshift.verifier.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colshift.schemas.CheckResult;
import dev.colshift.schemas.Phase;
import dev.colshift.verifier.PlannedStep;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditTrailTest {
    private static final List<PlannedStep> PLAN = List.of(
            new PlannedStep("expand:public.users:x", Phase.EXPANDING),
            new PlannedStep("backfill:public.users:x", Phase.BACKFILLING),
            new PlannedStep("set_not_null:public.users:x", Phase.CONTRACTING));

    @Test
    void backfillStepNeedsNoLedgerOrAuditRow() {
        Set<String> ddl = Set.of("expand:public.users:x", "set_not_null:public.users:x");
        CheckResult result = AuditTrail.evaluate(PLAN, ddl, ddl);
        assertTrue(result.passed(), result.detail());
        assertEquals("2 DDL step(s) recorded and audited", result.detail());
    }

    @Test
    void missingLedgerAndAuditRowsAreNamed() {
        CheckResult result =
                AuditTrail.evaluate(PLAN, Set.of("expand:public.users:x"), Set.of("set_not_null:public.users:x"));
        assertFalse(result.passed());
        assertEquals(
                "not in the step ledger: set_not_null:public.users:x; "
                        + "no SUCCEEDED audit entry: expand:public.users:x",
                result.detail());
    }
}
