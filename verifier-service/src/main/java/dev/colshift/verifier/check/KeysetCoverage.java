package dev.colshift.verifier.check;

import dev.colshift.schemas.CheckResult;
import dev.colshift.schemas.KeyRange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a keyset backfill covered the key span captured at its start exactly once, from the ledger alone:
 * the stored ranges chain (the first starts at the captured minimum, each ends where the next starts, only the last
 * includes its upper bound, which is the captured maximum), as many as planned, and the batch ledger has exactly one
 * record per stored range, with that range's bounds. Bounds are compared as the text PostgreSQL printed them. Pure.
 */
public final class KeysetCoverage {
    private KeysetCoverage() {}

    /** One row of the batch ledger for a keyset range. */
    public record RecordedBatch(long rangeId, List<String> lower, List<String> upper, long rowsUpdated) {}

    /**
     * @param keyMin  the key minimum captured at backfill start, null when the table was empty
     * @param keyMax  the key maximum captured at backfill start
     * @param stored  the walk's ranges, in range id order
     * @param batches the batch ledger's records, in range id order
     */
    public static CheckResult evaluate(
            List<String> keyMin,
            List<String> keyMax,
            Long rangesPlanned,
            List<KeyRange> stored,
            List<RecordedBatch> batches) {
        String name = LedgerCoverage.NAME;
        if (keyMin == null) {
            return stored.isEmpty() && batches.isEmpty()
                    ? CheckResult.pass(name, "table was empty at backfill start; no ranges, as expected")
                    : CheckResult.fail(
                            name,
                            stored.size() + " range(s) stored and " + batches.size()
                                    + " recorded although the table was empty");
        }
        List<String> problems = new ArrayList<>();
        if (rangesPlanned == null) {
            problems.add("the walk did not record how many ranges it stored");
        } else if (stored.size() != rangesPlanned) {
            problems.add(stored.size() + " range(s) stored, " + rangesPlanned + " planned");
        }
        chainProblem(keyMin, keyMax, stored).ifPresent(problems::add);
        recordProblem(stored, batches).ifPresent(problems::add);
        long rows = batches.stream().mapToLong(RecordedBatch::rowsUpdated).sum();
        return problems.isEmpty()
                ? CheckResult.pass(
                        name,
                        stored.size() + " range(s) chain from " + keyMin + " to " + keyMax + " (included), each"
                                + " recorded once; " + rows + " row(s) updated")
                : CheckResult.fail(name, String.join("; ", problems));
    }

    /** The first break in the chain of stored ranges, if any: later ones usually follow from it. */
    private static java.util.Optional<String> chainProblem(
            List<String> keyMin, List<String> keyMax, List<KeyRange> stored) {
        if (stored.isEmpty()) {
            return java.util.Optional.of("no range stored: keys " + keyMin + " to " + keyMax + " not covered");
        }
        List<String> expectedLower = keyMin;
        for (int i = 0; i < stored.size(); i++) {
            KeyRange range = stored.get(i);
            boolean last = i == stored.size() - 1;
            if (range.rangeId() != i) {
                return java.util.Optional.of(
                        "range ids are not 0.." + (stored.size() - 1) + ": " + range.describe() + " is number " + i);
            }
            if (!range.lower().equals(expectedLower)) {
                return java.util.Optional.of(
                        i == 0
                                ? range.describe() + " does not start at the captured minimum " + keyMin
                                : "gap or overlap: " + range.describe() + " does not start where "
                                        + stored.get(i - 1).describe() + " ends");
            }
            if (range.upperInclusive() != last) {
                return java.util.Optional.of(
                        last
                                ? "the last " + range.describe() + " does not include its upper bound"
                                : range.describe() + " includes its upper bound but is not the last");
            }
            expectedLower = range.upper();
        }
        if (!expectedLower.equals(keyMax)) {
            return java.util.Optional.of("the last "
                    + stored.get(stored.size() - 1).describe() + " does not end at the captured maximum " + keyMax);
        }
        return java.util.Optional.empty();
    }

    private static java.util.Optional<String> recordProblem(List<KeyRange> stored, List<RecordedBatch> batches) {
        Map<Long, KeyRange> byId = new HashMap<>();
        stored.forEach(r -> byId.put(r.rangeId(), r));
        Map<Long, Integer> seen = new HashMap<>();
        for (RecordedBatch batch : batches) {
            KeyRange range = byId.get(batch.rangeId());
            if (range == null) {
                return java.util.Optional.of("range " + batch.rangeId() + " is recorded but was never stored");
            }
            if (seen.merge(batch.rangeId(), 1, Integer::sum) > 1) {
                return java.util.Optional.of("range " + batch.rangeId() + " recorded more than once");
            }
            if (!range.lower().equals(batch.lower()) || !range.upper().equals(batch.upper())) {
                return java.util.Optional.of("range " + batch.rangeId() + " is recorded with bounds " + batch.lower()
                        + " .. " + batch.upper() + ", not the stored " + range.describe());
            }
        }
        return stored.stream()
                .filter(r -> !seen.containsKey(r.rangeId()))
                .findFirst()
                .map(r -> (stored.size() - seen.size()) + " stored range(s) not recorded, first " + r.describe());
    }
}
