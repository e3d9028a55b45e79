package dev.colshift.planner.lint;

/**
 * One lint finding. {@code rule} is a stable id (it is the problem+json type when the finding blocks the change).
 *
 * @param field the spec field it is about
 * @param fix   what to do instead, or what colshift does instead for an INFO finding
 */
public record Finding(String rule, Severity severity, String field, String message, String fix) {

    /** Whether it stops the change, given the hazards the request allows. */
    public boolean blocks(java.util.List<String> allowedHazards) {
        return severity == Severity.ERROR
                || severity == Severity.HAZARD && (allowedHazards == null || !allowedHazards.contains(rule));
    }
}
