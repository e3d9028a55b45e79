package dev.colshift.verifier.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colshift.schemas.EventCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plan trees (as EXPLAIN (FORMAT JSON) prints them) in, findings out; no database. */
class ExplainDiffTest {
    private static final String INDEX_SCAN = """
            {"Node Type": "Index Scan", "Relation Name": "orders", "Alias": "orders", "Index Name": "orders_customer_idx",
             "Total Cost": 12.5}""";
    private static final String SEQ_SCAN = """
            {"Node Type": "Seq Scan", "Relation Name": "orders", "Alias": "orders", "Total Cost": 1850.0}""";
    private static final String BITMAP = """
            {"Node Type": "Bitmap Heap Scan", "Relation Name": "orders", "Alias": "orders", "Total Cost": 40.0,
             "Plans": [{"Node Type": "Bitmap Index Scan", "Index Name": "orders_customer_idx", "Total Cost": 4.3}]}""";

    @Test
    void anIndexScanBecomingASequentialScanIsARegressionNamingTheRelationAndBothNodes() {
        ExplainDiff.Findings found = ExplainDiff.compare(tree(INDEX_SCAN), tree(SEQ_SCAN), 200, List.of());
        assertTrue(found.regressed());
        assertEquals(
                "orders: Index Scan using orders_customer_idx → Seq Scan",
                found.regressions().get(0));
        assertTrue(found.regressions().get(1).startsWith("estimated total cost 12.5 → 1850.0 (+14700 %"));
    }

    @Test
    void theSamePlanPassesAndSaysSo() {
        ExplainDiff.Findings found = ExplainDiff.compare(tree(INDEX_SCAN), tree(INDEX_SCAN), 200, List.of());
        assertFalse(found.regressed());
        assertEquals(List.of("same plan: Index Scan using orders_customer_idx on orders"), found.notes());
    }

    @Test
    void aBitmapScanOverTheSameIndexIsAChangeNotARegression() {
        ExplainDiff.Findings found = ExplainDiff.compare(tree(INDEX_SCAN), tree(BITMAP), 400, List.of());
        assertFalse(found.regressed(), found.toString());
        assertEquals(
                "orders: Index Scan using orders_customer_idx → Bitmap Heap Scan using orders_customer_idx",
                found.notes().get(0));
    }

    @Test
    void costGrowthBeyondTheLimitFailsWithinItIsNoted() {
        String cheap = "{\"Node Type\": \"Seq Scan\", \"Relation Name\": \"t\", \"Total Cost\": 100.0}";
        String doubled = "{\"Node Type\": \"Seq Scan\", \"Relation Name\": \"t\", \"Total Cost\": 210.0}";
        assertEquals(
                List.of("estimated total cost 100.0 → 210.0 (+110 %, limit +100 %)"),
                ExplainDiff.compare(tree(cheap), tree(doubled), 100, List.of()).regressions());
        ExplainDiff.Findings within = ExplainDiff.compare(tree(cheap), tree(doubled), 200, List.of());
        assertFalse(within.regressed());
        assertEquals(List.of("estimated total cost 100.0 → 210.0 (+110 %, limit +200 %)"), within.notes());
    }

    @Test
    void aSelfJoinIsComparedPerAlias() {
        String before = """
                {"Node Type": "Nested Loop", "Total Cost": 20.0, "Plans": [
                  {"Node Type": "Index Scan", "Relation Name": "t", "Alias": "a", "Index Name": "t_pkey", "Total Cost": 8.0},
                  {"Node Type": "Index Scan", "Relation Name": "t", "Alias": "b", "Index Name": "t_x_idx", "Total Cost": 8.0}]}""";
        String after = """
                {"Node Type": "Hash Join", "Total Cost": 30.0, "Plans": [
                  {"Node Type": "Index Scan", "Relation Name": "t", "Alias": "a", "Index Name": "t_pkey", "Total Cost": 8.0},
                  {"Node Type": "Hash", "Total Cost": 15.0, "Plans": [
                    {"Node Type": "Seq Scan", "Relation Name": "t", "Alias": "b", "Total Cost": 15.0}]}]}""";
        ExplainDiff.Findings found = ExplainDiff.compare(tree(before), tree(after), 200, List.of());
        assertEquals(List.of("t AS b: Index Scan using t_x_idx → Seq Scan"), found.regressions());
    }

    @Test
    void aQueryOnTheNewColumnMustUseTheNewIndex() {
        String usesIt = """
                {"Node Type": "Index Scan", "Relation Name": "orders", "Index Name": "orders_code_idx", "Total Cost": 8.0}""";
        ExplainDiff.Findings good = ExplainDiff.compare(null, tree(usesIt), 200, List.of("orders_code_idx"));
        assertFalse(good.regressed());
        assertEquals(
                List.of("uses the new index orders_code_idx: Index Scan using orders_code_idx on orders"),
                good.notes());

        ExplainDiff.Findings bad = ExplainDiff.compare(null, tree(SEQ_SCAN), 200, List.of("orders_code_idx"));
        assertEquals(
                List.of("reads the new column but uses none of the new indexes (orders_code_idx): Seq Scan on orders"),
                bad.regressions());

        assertFalse(ExplainDiff.compare(null, tree(SEQ_SCAN), 200, List.of()).regressed(), "no index was planned");
    }

    private static JsonNode tree(String json) {
        try {
            return EventCodec.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
