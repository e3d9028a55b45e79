package dev.colshift.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The outcome of one verification check, as reported on the audit and phase topics. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckResult(String name, boolean passed, String detail) {

    public static CheckResult pass(String name, String detail) {
        return new CheckResult(name, true, detail);
    }

    public static CheckResult fail(String name, String detail) {
        return new CheckResult(name, false, detail);
    }
}
