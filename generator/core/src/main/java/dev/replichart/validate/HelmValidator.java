package dev.replichart.validate;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import dev.replichart.kube.HelmRender;
import dev.replichart.problem.Location;
import dev.replichart.problem.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real Helm, embedded: {@code helm lint --strict} on the chart, then {@code helm template} with the
 * default values and with each values file. Each Helm message becomes a located {@link Problem}.
 */
public final class HelmValidator {
  private static final Pattern LINT_LINE =
      Pattern.compile("^\\[(ERROR|WARNING|INFO)\\] ([^:]+): (.*)$", Pattern.DOTALL);
  private static final Pattern FILE_LINE = Pattern.compile("\\(([^()\\s]+?):(\\d+)(?::(\\d+))?\\)");

  /** Helm 3.18+ ({@code - at '/a/b': message}) and older ({@code - a.b: message}) forms. */
  private static final Pattern SCHEMA_LINE_POINTER = Pattern.compile("^- at '([^']*)': (.*)$");

  private static final Pattern SCHEMA_LINE_FIELD = Pattern.compile("^- ([^:' ]+): (.*)$");
  private static final Pattern ADDITIONAL =
      Pattern.compile("additional properties? '([^']+)' not allowed");

  /** What Helm said about a chart, and the manifests it rendered for each values set. */
  public record Result(List<Problem> problems, Map<String, String> manifests) {}

  public Result check(Path chartDir, List<Path> valuesFiles) {
    List<Problem> problems = new ArrayList<>();
    Map<String, String> manifests = new LinkedHashMap<>();
    Helm helm = new Helm(chartDir);
    LintResult lint = helm.lint().strict().call();
    for (String message : lint.getMessages()) {
      Matcher m = LINT_LINE.matcher(message.trim());
      if (m.matches() && m.group(1).equals("INFO")) {
        continue;
      }
      if (m.matches()) {
        problems.add(locate(chartDir, m.group(2), m.group(3), "HELM-LINT"));
      } else if (lint.isFailed()) {
        problems.add(
            new Problem(Location.ofFile(chartDir.toString()), "", message, "", "HELM-LINT"));
      }
    }
    if (lint.isFailed() && problems.isEmpty()) {
      problems.add(
          new Problem(
              Location.ofFile(chartDir.toString()), "", "helm lint failed", "", "HELM-LINT"));
    }
    render(chartDir, null, problems, manifests);
    for (Path values : valuesFiles) {
      render(chartDir, values, problems, manifests);
    }
    return new Result(List.copyOf(problems), manifests);
  }

  private static void render(
      Path chartDir, Path values, List<Problem> problems, Map<String, String> manifests) {
    TemplateCommand template = HelmRender.command(chartDir);
    if (values != null) {
      template = template.withValuesFile(values.toAbsolutePath());
    }
    String label = values == null ? "(default values)" : values.toString();
    try {
      manifests.put(label, template.call());
    } catch (RuntimeException e) {
      problems.addAll(templateProblems(chartDir, values, e.getMessage()));
    }
  }

  /** Helm's schema errors list one field per line; template errors carry (file:line). */
  static List<Problem> templateProblems(Path chartDir, Path values, String message) {
    String text = message == null ? "helm template failed" : message.trim();
    List<Problem> problems = new ArrayList<>();
    String file = values != null ? values.toString() : chartDir.resolve("values.yaml").toString();
    for (String line : text.split("\n")) {
      // Indented lines are causes of the line above; the top-level line says it all.
      Matcher pointer = SCHEMA_LINE_POINTER.matcher(line);
      Matcher field = SCHEMA_LINE_FIELD.matcher(line);
      String path;
      String detail;
      if (pointer.matches()) {
        path = pointer.group(1).replaceFirst("^/", "").replace('/', '.');
        detail = pointer.group(2).trim();
      } else if (field.matches()) {
        path = field.group(1).replace("(root).", "").replace("(root)", "");
        detail = field.group(2).trim();
      } else {
        continue;
      }
      Matcher additional = ADDITIONAL.matcher(detail);
      if (additional.find()) {
        path = path.isEmpty() ? additional.group(1) : path + "." + additional.group(1);
      }
      problems.add(
          new Problem(
              Location.ofFile(file), path, detail, "see values.schema.json", "HELM-VALUES-SCHEMA"));
    }
    if (problems.isEmpty()) {
      problems.add(locate(chartDir, null, text, "HELM-TEMPLATE"));
    }
    return problems;
  }

  private static Problem locate(Path chartDir, String file, String message, String checkId) {
    Matcher m = FILE_LINE.matcher(message);
    if (m.find()) {
      String path = m.group(1);
      int slash = path.indexOf('/');
      String inChart = slash >= 0 ? path.substring(slash + 1) : path;
      return new Problem(
          new Location(
              chartDir.resolve(inChart).toString(),
              Integer.parseInt(m.group(2)),
              m.group(3) == null ? 0 : Integer.parseInt(m.group(3))),
          "",
          message,
          "",
          checkId);
    }
    String where = file == null ? chartDir.toString() : chartDir.resolve(file).toString();
    return new Problem(Location.ofFile(where), "", message, "", checkId);
  }
}
