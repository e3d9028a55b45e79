package dev.colshift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colshift.schemas.EventCodec;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
    private static JsonNode json(String text) throws Exception {
        return EventCodec.mapper().readTree(text);
    }

    @Test
    void barPercentPhaseRowsRateEta() throws Exception {
        assertEquals(
                "[########------------]  42.0%  BACKFILLING   420,000/1,000,000 rows  180,000 rows/s  ETA 3s",
                ProgressLine.of(json("""
                        {"phase":"BACKFILLING","percent":42.0,"rowsDone":420000,"rowsTotal":1000000,
                         "rowsPerSecond":180000,"etaSeconds":3}""")));
    }

    @Test
    void throttleWhenTheStatusHasOne() throws Exception {
        assertEquals("replica lag (250 ms)", ProgressLine.throttle(json("""
                {"throttle":{"reason":"replica lag","waitMillis":250}}""")));
        assertEquals("lock waits", ProgressLine.throttle(json("{\"throttle\":\"lock waits\"}")));
        assertNull(ProgressLine.throttle(json("{\"throttle\":{\"throttled\":false,\"reason\":\"none\"}}")));
        assertNull(ProgressLine.throttle(json("{\"phase\":\"BACKFILLING\"}")));
        assertEquals(
                "[--------------------]   0.0%  BACKFILLING   0/0 rows  0 rows/s  throttled: paused",
                ProgressLine.of(json("{\"phase\":\"BACKFILLING\",\"throttle\":{\"reason\":\"paused\"}}")));
    }

    @Test
    void replicaLagWhileTheMigrationRuns() throws Exception {
        assertEquals("replicas: none", ProgressLine.replicas(json("{\"replicas\":[]}")));
        assertNull(ProgressLine.replicas(json("{\"phase\":\"COMPLETED\"}")), "an ended migration shows none");
        assertEquals("replica lag 1.5s 2.0 MB (standby@127.0.0.1 of 2)", ProgressLine.replicas(json("""
                        {"replicas":[{"replica":"standby@127.0.0.1","lagBytes":2097152,"replayLagMillis":1500},
                                     {"replica":"other@127.0.0.1","lagBytes":10,"replayLagMillis":3}]}""")));
        assertEquals(
                "[##########----------]  50.0%  BACKFILLING   5/10 rows  1 rows/s  replica lag 0.0s 512 B (r@local)",
                ProgressLine.of(json("""
                        {"phase":"BACKFILLING","percent":50,"rowsDone":5,"rowsTotal":10,"rowsPerSecond":1,
                         "replicas":[{"replica":"r@local","lagBytes":512,"replayLagMillis":0}]}""")));
    }
}
