package dev.colshift.verifier.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares the plan PostgreSQL chose for a watch query before a migration with the plan it chooses after (both the
 * {@code Plan} object of {@code EXPLAIN (FORMAT JSON)}). A regression is a relation that was read through an index
 * and no longer is, an estimated total cost grown beyond the limit, or a query on the new column that does not use
 * the index the migration built for it. Other changes of shape are reported, not failed. Pure.
 */
public final class ExplainDiff {
    private static final Set<String> INDEX_ACCESS = Set.of("Index Scan", "Index Only Scan", "Bitmap Heap Scan");

    private ExplainDiff() {}

    /** What changed for one query: regressions fail the check, notes only describe. */
    public record Findings(List<String> regressions, List<String> notes) {
        public Findings {
            regressions = List.copyOf(regressions);
            notes = List.copyOf(notes);
        }

        public boolean regressed() {
            return !regressions.isEmpty();
        }
    }

    /** How a plan reads one relation: the scan node and the indexes it uses (none for a sequential scan). */
    record Access(String nodeType, List<String> indexes) {
        boolean usesIndex() {
            return INDEX_ACCESS.contains(nodeType) && !indexes.isEmpty();
        }

        @Override
        public String toString() {
            return indexes.isEmpty() ? nodeType : nodeType + " using " + String.join(", ", indexes);
        }
    }

    /**
     * @param before            the plan at intake, or null when the query reads the new column (it could not be
     *                          planned before the column existed)
     * @param after             the plan now
     * @param costGrowthPercent how much the estimated total cost may grow, in percent of the cost before
     * @param newIndexes        names of the indexes the migration built (as EXPLAIN names them: without schema)
     */
    public static Findings compare(JsonNode before, JsonNode after, int costGrowthPercent, List<String> newIndexes) {
        List<String> regressions = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, List<Access>> accessAfter = accesses(after);
        if (before == null) {
            List<String> used = accessAfter.values().stream()
                    .flatMap(List::stream)
                    .flatMap(a -> a.indexes().stream())
                    .filter(newIndexes::contains)
                    .distinct()
                    .toList();
            if (!newIndexes.isEmpty() && used.isEmpty()) {
                regressions.add("reads the new column but uses none of the new indexes ("
                        + String.join(", ", newIndexes) + "): " + describe(accessAfter));
            } else {
                notes.add((used.isEmpty()
                                ? "planned on the new column: "
                                : "uses the new index " + String.join(", ", used) + ": ")
                        + describe(accessAfter));
            }
            return new Findings(regressions, notes);
        }
        Map<String, List<Access>> accessBefore = accesses(before);
        for (Map.Entry<String, List<Access>> entry : accessBefore.entrySet()) {
            String relation = entry.getKey();
            List<Access> was = entry.getValue();
            List<Access> now = accessAfter.getOrDefault(relation, List.of());
            for (int i = 0; i < was.size(); i++) {
                Access then = was.get(i);
                Access today = i < now.size() ? now.get(i) : null;
                if (today == null) {
                    notes.add(relation + ": " + then + " is gone from the plan");
                } else if (then.usesIndex() && !today.usesIndex()) {
                    regressions.add(relation + ": " + then + " → " + today);
                } else if (!then.equals(today)) {
                    notes.add(relation + ": " + then + " → " + today);
                }
            }
        }
        double costBefore = before.path("Total Cost").asDouble(0);
        double costAfter = after.path("Total Cost").asDouble(0);
        if (costBefore > 0) {
            long growth = Math.round((costAfter - costBefore) * 100 / costBefore);
            String costs = "estimated total cost " + costBefore + " → " + costAfter + " (" + (growth >= 0 ? "+" : "")
                    + growth + " %, limit +" + costGrowthPercent + " %)";
            if (growth > costGrowthPercent) {
                regressions.add(costs);
            } else if (growth != 0) {
                notes.add(costs);
            }
        }
        if (regressions.isEmpty() && notes.isEmpty()) {
            notes.add("same plan: " + describe(accessAfter));
        }
        return new Findings(regressions, notes);
    }

    /** Every relation the plan reads ({@code schema.relation}, with its alias when it differs), in plan order. */
    static Map<String, List<Access>> accesses(JsonNode plan) {
        Map<String, List<Access>> found = new LinkedHashMap<>();
        collect(plan, found);
        return found;
    }

    private static void collect(JsonNode node, Map<String, List<Access>> found) {
        if (node.has("Relation Name")) {
            String relation = node.path("Schema").asText("")
                    + (node.has("Schema") ? "." : "")
                    + node.path("Relation Name").asText();
            String alias = node.path("Alias").asText(null);
            String key =
                    alias == null || alias.equals(node.path("Relation Name").asText())
                            ? relation
                            : relation + " AS " + alias;
            found.computeIfAbsent(key, k -> new ArrayList<>())
                    .add(new Access(node.path("Node Type").asText(), indexesUnder(node)));
        }
        for (JsonNode child : node.path("Plans")) {
            collect(child, found);
        }
    }

    /** The index a scan node uses, or those of the Bitmap Index Scans under a Bitmap Heap Scan. */
    private static List<String> indexesUnder(JsonNode scan) {
        List<String> indexes = new ArrayList<>();
        if (scan.has("Index Name")) {
            indexes.add(scan.path("Index Name").asText());
        }
        if ("Bitmap Heap Scan".equals(scan.path("Node Type").asText())) {
            bitmapIndexes(scan, indexes);
        }
        return indexes;
    }

    private static void bitmapIndexes(JsonNode node, List<String> indexes) {
        for (JsonNode child : node.path("Plans")) {
            if (child.has("Index Name")) {
                indexes.add(child.path("Index Name").asText());
            }
            if (!child.has("Relation Name")) {
                bitmapIndexes(child, indexes);
            }
        }
    }

    static String describe(Map<String, List<Access>> accesses) {
        if (accesses.isEmpty()) {
            return "reads no table";
        }
        List<String> parts = new ArrayList<>();
        accesses.forEach((relation, list) -> list.forEach(a -> parts.add(a + " on " + relation)));
        return String.join("; ", parts);
    }
}
