package dev.colshift.verifier.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.Phase;
import dev.colshift.verifier.PlannedStep;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the planner's spec and plan JSON as stored in the ledger. */
class MigrationReaderTest {
    @Test
    void readsStepIdsAndPhasesIgnoringTheRestOfThePlan() {
        String plan = """
                {"migrationId":"m1","canonicalType":"text","steps":[
                  {"id":"expand:public.t:c","phase":"EXPANDING","purpose":"p","statements":["ALTER ..."],
                   "lock":"ACCESS_EXCLUSIVE","scansTable":false},
                  {"id":"backfill:public.t:c","phase":"BACKFILLING","statements":[]}]}""";
        assertEquals(
                List.of(
                        new PlannedStep("expand:public.t:c", Phase.EXPANDING),
                        new PlannedStep("backfill:public.t:c", Phase.BACKFILLING)),
                MigrationReader.plannedSteps("m1", MigrationReader.json("m1", plan)));
    }

    @Test
    void readsTheSpec() {
        MigrationSpec spec = MigrationReader.spec(
                "m1", "{\"table\":\"public.t\",\"column\":\"c\",\"type\":\"text\",\"nullable\":false,\"batchSize\":5}");
        assertEquals("c", spec.column());
        assertFalse(spec.allowsNull());
    }

    @Test
    void stepWithoutPhaseIsAnUnreadableLedger() {
        assertThrows(
                UnreadableLedgerException.class,
                () -> MigrationReader.plannedSteps("m1", MigrationReader.json("m1", "{\"steps\":[{\"id\":\"x\"}]}")));
        assertThrows(
                UnreadableLedgerException.class,
                () -> MigrationReader.plannedSteps(
                        "m1", MigrationReader.json("m1", "{\"steps\":[{\"id\":\"x\",\"phase\":\"SOMEDAY\"}]}")));
    }
}
