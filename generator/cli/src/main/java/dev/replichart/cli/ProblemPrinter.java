package dev.replichart.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.replichart.problem.Problem;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints problems as compiler-style lines or as JSON for machines. */
final class ProblemPrinter {
  enum Format {
    text,
    json
  }

  private ProblemPrinter() {}

  static void print(List<Problem> problems, Format format, PrintWriter out, PrintWriter err) {
    if (format == Format.json) {
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
        out.println(
            new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(Map.of("problems", list)));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      out.flush();
      return;
    }
    for (Problem p : problems) {
      err.println(p.format() + " [" + p.checkId() + "]");
    }
    err.println(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " found");
    err.flush();
  }
}
