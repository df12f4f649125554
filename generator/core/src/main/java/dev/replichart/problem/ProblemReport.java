package dev.replichart.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How every front end prints problems: one compiler-style line per problem with its check ID, a
 * count, or a JSON document for machines. The CLI and the Maven plugin both print through here, so
 * a user sees the same lines from either.
 */
public final class ProblemReport {
  private ProblemReport() {}

  /** {@code file:line:col: object: path: message (hint) [CHECK-ID]}, always one line. */
  public static String line(Problem problem) {
    return problem.format() + " [" + problem.checkId() + "]";
  }

  /** One {@link #line} per problem, in the order given. */
  public static List<String> lines(List<Problem> problems) {
    return problems.stream().map(ProblemReport::line).toList();
  }

  /** {@code 1 problem found}, {@code 3 problems found}. */
  public static String count(List<Problem> problems) {
    return problems.size() + (problems.size() == 1 ? " problem" : " problems") + " found";
  }

  /** {@code {"problems": [{file, line, column, object, path, message, hint, check}, …]}}. */
  public static String json(List<Problem> problems) {
    List<Map<String, Object>> list =
        problems.stream()
            .map(
                p -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("file", p.location().file());
                  m.put("line", p.location().line());
                  m.put("column", p.location().column());
                  m.put("object", p.object());
                  m.put("path", p.path());
                  m.put("message", p.message());
                  m.put("hint", p.hint());
                  m.put("check", p.checkId());
                  return m;
                })
            .toList();
    try {
      return new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(Map.of("problems", list));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("plain maps of strings and numbers always serialize", e);
    }
  }
}
