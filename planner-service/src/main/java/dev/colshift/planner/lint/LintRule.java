package dev.colshift.planner.lint;

import java.util.Optional;

/** One lint rule: pure, from the subject to at most one finding. */
public interface LintRule {
    Optional<Finding> check(LintSubject subject);
}
