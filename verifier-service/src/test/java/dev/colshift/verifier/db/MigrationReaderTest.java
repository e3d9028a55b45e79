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
                {"schemaVersion":1,"migrationId":"m1","schema":"public","table":"t","column":"c","canonicalType":"text",
                 "batchSize":10,"lockTimeoutMillis":200,"steps":[
                  {"id":"expand:public.t:c","phase":"EXPANDING","purpose":"p","statements":["ALTER ..."],
                   "lock":"ACCESS_EXCLUSIVE","scansTable":false},
                  {"id":"backfill:public.t:c","phase":"BACKFILLING","statements":[]},
                  {"id":"build_index_t_c_idx:public.t:c","phase":"CONTRACTING","statements":["CREATE INDEX ..."],
                   "createsIndex":"\\"public\\".\\"t_c_idx\\""}]}""";
        assertEquals(
                List.of(
                        new PlannedStep("expand:public.t:c", Phase.EXPANDING, List.of("ALTER ..."), null),
                        new PlannedStep("backfill:public.t:c", Phase.BACKFILLING),
                        new PlannedStep(
                                "build_index_t_c_idx:public.t:c",
                                Phase.CONTRACTING,
                                List.of("CREATE INDEX ..."),
                                "\"public\".\"t_c_idx\"")),
                MigrationReader.plannedSteps(MigrationReader.plan("m1", plan)));
    }

    @Test
    void readsTheSpec() {
        MigrationSpec spec = MigrationReader.spec(
                "m1", "{\"table\":\"public.t\",\"column\":\"c\",\"type\":\"text\",\"nullable\":false,\"batchSize\":5}");
        assertEquals("c", spec.column());
        assertFalse(spec.allowsNull());
    }

    @Test
    void aPlanItsSchemaDoesNotAllowIsAnUnreadableLedger() {
        String head = "{\"schemaVersion\":1,\"migrationId\":\"m1\",\"schema\":\"public\",\"table\":\"t\","
                + "\"column\":\"c\",\"canonicalType\":\"text\",\"batchSize\":10,";
        assertThrows(
                UnreadableLedgerException.class,
                () -> MigrationReader.plan("m1", head + "\"steps\":[{\"id\":\"x:y\",\"statements\":[]}]}"));
        assertThrows(
                UnreadableLedgerException.class,
                () -> MigrationReader.plan(
                        "m1", head + "\"steps\":[{\"id\":\"x:y\",\"phase\":\"SOMEDAY\",\"statements\":[]}]}"));
        assertThrows(
                UnreadableLedgerException.class,
                () -> MigrationReader.plan("m1", head.replace("\"schemaVersion\":1,", "") + "\"steps\":[]}"));
    }
}
