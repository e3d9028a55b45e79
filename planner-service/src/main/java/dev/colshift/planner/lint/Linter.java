package dev.colshift.planner.lint;

import dev.colshift.planner.spec.SpecProblem;
import java.util.List;
import java.util.Optional;

/**
 * Runs every lint rule. Adding a rule is adding a class and a line here. The ids are the README's rule table and the
 * problem+json types of blocking findings.
 */
public final class Linter {
    private static final List<LintRule> RULES = List.of(
            new GeneratedStoredRewrites(),
            new IdentityRewrites(),
            new PerRowTrigger(),
            new IndexCorruptionPg14(),
            new PreferBigint(),
            new PreferText(),
            new PreferTimestamptz(),
            new BanChar(),
            new JsonNotJsonb(),
            new LargeTable(),
            new LongRunningTransaction(),
            new ForeignKeyWithoutIndex(),
            new DuplicateIndex(),
            new MetadataOnlyColumn(),
            new VolatileDefaultBackfilled(),
            new ConstraintsMadeSafe());

    private Linter() {}

    public static List<Finding> findings(LintSubject subject) {
        return RULES.stream()
                .map(rule -> rule.check(subject))
                .flatMap(Optional::stream)
                .toList();
    }

    /** The findings that stop the change, as spec problems: errors, and hazards the request did not allow. */
    public static List<SpecProblem> blocking(List<Finding> findings, List<String> allowedHazards) {
        return findings.stream()
                .filter(f -> f.blocks(allowedHazards))
                .map(f -> (SpecProblem) new SpecProblem.LintFinding(
                        f.field(),
                        f.rule(),
                        f.severity() == Severity.HAZARD ? "Hazard not allowed: " + f.rule() : "Refused: " + f.rule(),
                        f.message() + "; instead: " + f.fix()
                                + (f.severity() == Severity.HAZARD
                                        ? " (to accept it, add \"" + f.rule() + "\" to allowHazards)"
                                        : "")))
                .toList();
    }
}
