package dev.replichart.sandbox;

import dev.replichart.problem.Problem;
import java.util.List;

/**
 * A sandbox operation that cannot go on; the message says why and what to do. When the cause is the
 * user's input (values the chart's schema refuses), {@link #problems()} holds it as located
 * problems, which the CLI prints as it prints every other problem.
 */
public final class SandboxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public SandboxException(String message) {
    super(message);
    this.problems = List.of();
  }

  /** The input is wrong: one located problem per line of the message. */
  public SandboxException(List<Problem> problems) {
    super(String.join("\n", problems.stream().map(Problem::format).toList()));
    this.problems = problems.stream().sorted(Problem.READING_ORDER).toList();
  }

  /** The located problems with the input; empty when the cause is not the input. */
  public List<Problem> problems() {
    return problems;
  }
}
