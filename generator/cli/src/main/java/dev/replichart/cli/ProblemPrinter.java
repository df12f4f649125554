package dev.replichart.cli;

import dev.replichart.problem.Problem;
import dev.replichart.problem.ProblemReport;
import java.io.PrintWriter;
import java.util.List;

/** Prints problems as compiler-style lines or as JSON for machines, as core's report has them. */
final class ProblemPrinter {
  enum Format {
    text,
    json
  }

  private ProblemPrinter() {}

  static void print(List<Problem> problems, Format format, PrintWriter out, PrintWriter err) {
    if (format == Format.json) {
      out.println(ProblemReport.json(problems));
      out.flush();
      return;
    }
    ProblemReport.lines(problems).forEach(err::println);
    err.println(ProblemReport.count(problems));
    err.flush();
  }
}
