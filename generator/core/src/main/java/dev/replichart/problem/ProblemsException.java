package dev.replichart.problem;

import java.util.List;

/**
 * Carries the problems found by a stage to the caller that prints them. It is how a stage says "the
 * input is wrong", never a programming error, so it has no stack trace worth showing.
 */
public final class ProblemsException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public ProblemsException(List<Problem> problems) {
    super(problems.size() + " problem(s) found", null, false, false);
    this.problems = problems.stream().sorted(Problem.READING_ORDER).toList();
  }

  public List<Problem> problems() {
    return problems;
  }
}
