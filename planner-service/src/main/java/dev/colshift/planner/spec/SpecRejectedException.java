package dev.colshift.planner.spec;

import java.util.List;

/** Carries the problems that make a spec unacceptable; nothing has been changed when it is thrown. */
public class SpecRejectedException extends RuntimeException {
    private final List<SpecProblem> problems;

    public SpecRejectedException(List<SpecProblem> problems) {
        super(problems.isEmpty() ? "spec rejected" : problems.get(0).detail());
        this.problems = List.copyOf(problems);
    }

    public SpecRejectedException(SpecProblem problem) {
        this(List.of(problem));
    }

    public List<SpecProblem> problems() {
        return problems;
    }
}
