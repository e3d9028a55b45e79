package dev.colshift.verifier.check;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.colshift.schemas.CheckResult;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one check found, with its evidence: the counts it made, sample keys of offending rows, and the SQL it ran.
 * Events carry it as a {@link CheckResult} (the detail names the counts and keys; the audit record carries the SQL).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CheckOutcome(
        String name,
        boolean passed,
        String detail,
        Map<String, Long> counts,
        List<String> sampleKeys,
        List<String> sql) {

    public CheckOutcome {
        counts = counts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        sampleKeys = sampleKeys == null ? List.of() : List.copyOf(sampleKeys);
        sql = sql == null ? List.of() : List.copyOf(sql);
    }

    public static CheckOutcome pass(String name, String detail) {
        return new CheckOutcome(name, true, detail, null, null, null);
    }

    public static CheckOutcome fail(String name, String detail) {
        return new CheckOutcome(name, false, detail, null, null, null);
    }

    public static CheckOutcome of(CheckResult result) {
        return new CheckOutcome(result.name(), result.passed(), result.detail(), null, null, null);
    }

    public CheckOutcome withSql(List<String> ran) {
        return new CheckOutcome(name, passed, detail, counts, sampleKeys, ran);
    }

    public CheckOutcome withEvidence(Map<String, Long> counted, List<String> keys) {
        return new CheckOutcome(name, passed, detail, counted, keys, sql);
    }

    public CheckResult toCheckResult() {
        return new CheckResult(name, passed, detail);
    }
}
