package dev.colshift.verifier.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.colshift.verifier.Verdict;
import dev.colshift.verifier.check.CheckOutcome;
import java.util.List;

/** The answer of {@code POST /verifications...}: the verdict and every check with its evidence. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerificationReport(
        String migrationId, String table, String column, boolean passed, String detail, List<CheckOutcome> checks) {

    static VerificationReport of(Verdict verdict) {
        return new VerificationReport(
                verdict.migration().id(),
                verdict.migration().tableName(),
                verdict.migration().column(),
                verdict.passed(),
                verdict.detail(),
                verdict.outcomes());
    }
}
