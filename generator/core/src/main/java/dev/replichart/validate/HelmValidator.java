package dev.replichart.validate;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import dev.replichart.Futures;
import dev.replichart.kube.HelmRender;
import dev.replichart.kube.KubeObject;
import dev.replichart.problem.Location;
import dev.replichart.problem.Problem;
import dev.replichart.validate.ChartUnderTest.Render;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Layer "Helm": real Helm, embedded. {@link #render} runs {@code helm template} with the default
 * values and with each values file (what the later layers read); {@link #check} runs {@code helm
 * lint --strict} and turns each Helm message, and each render that failed or does not parse, into a
 * located {@link Problem}.
 */
public final class HelmValidator implements Layer {
  private static final Pattern LINT_LINE =
      Pattern.compile("^\\[(ERROR|WARNING|INFO)\\] ([^:]+): (.*)$", Pattern.DOTALL);
  private static final Pattern FILE_LINE = Pattern.compile("\\(([^()\\s]+?):(\\d+)(?::(\\d+))?\\)");

  /** Helm 3.18+ ({@code - at '/a/b': message}) and older ({@code - a.b: message}) forms. */
  private static final Pattern SCHEMA_LINE_POINTER = Pattern.compile("^- at '([^']*)': (.*)$");

  private static final Pattern SCHEMA_LINE_FIELD = Pattern.compile("^- ([^:' ]+): (.*)$");
  private static final Pattern ADDITIONAL =
      Pattern.compile("additional properties? '([^']+)' not allowed");

  /**
   * Runs the Helm calls of one check side by side: each is independent (Helm builds its own state
   * per call) and a check makes five of them, so on more than one core they overlap. Daemon
   * threads, built on first use, so that a process that never validates starts none.
   */
  private ExecutorService calls;

  private synchronized ExecutorService calls() {
    if (calls == null) {
      int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
      calls =
          Executors.newFixedThreadPool(
              threads,
              task -> {
                Thread thread = new Thread(task, "replichart-helm");
                thread.setDaemon(true);
                return thread;
              });
    }
    return calls;
  }

  /** Loads Helm's native library (once per process; the first Helm call would do it anyway). */
  public void load() {
    Helm.version().call();
  }

  /**
   * Runs {@code helm template} with the default values and with each values file, and parses what
   * Helm printed into objects. A failure is kept as data for {@link #check} to report.
   */
  public List<Render> render(Path chartDir, List<Path> valuesFiles) {
    // the renders repeat most documents: each distinct one is parsed once (the layers only read)
    KubeObject.Documents parsed = new KubeObject.Documents();
    List<Future<Render>> pending = new ArrayList<>();
    pending.add(calls().submit(() -> renderOne(chartDir, null, parsed)));
    for (Path values : valuesFiles) {
      pending.add(calls().submit(() -> renderOne(chartDir, values, parsed)));
    }
    List<Render> renders = new ArrayList<>();
    for (Future<Render> render : pending) {
      renders.add(await(render));
    }
    return renders;
  }

  /**
   * Starts {@code helm lint --strict} now, on another thread, for {@link #check(ChartUnderTest,
   * Future)}: lint reads only the chart directory, so it can run while the chart is templated.
   */
  Future<List<Problem>> lintAhead(Path chartDir) {
    return calls().submit(() -> lint(chartDir));
  }

  private static <T> T await(Future<T> call) {
    return Futures.await(call, "Helm ran");
  }

  private static Render renderOne(Path chartDir, Path values, KubeObject.Documents parsed) {
    TemplateCommand template = HelmRender.command(chartDir);
    if (values != null) {
      template = template.withValuesFile(values.toAbsolutePath());
    }
    String label = values == null ? "(default values)" : values.toString();
    String manifests;
    try {
      manifests = template.call();
    } catch (RuntimeException e) {
      return new Render.HelmFailed(label, values, e.getMessage());
    }
    try {
      return new Render.Parsed(label, manifests, KubeObject.parseAll(manifests, parsed));
    } catch (IOException e) {
      return new Render.NotYaml(label, manifests, e.getMessage());
    }
  }

  /** {@code helm lint --strict}, then what went wrong in each render. */
  @Override
  public List<Problem> check(ChartUnderTest chart) {
    return check(chart, lintAhead(chart.dir()));
  }

  /** {@link #check(ChartUnderTest)} with the lint {@link #lintAhead} started. */
  List<Problem> check(ChartUnderTest chart, Future<List<Problem>> lint) {
    Path chartDir = chart.dir();
    List<Problem> problems = new ArrayList<>(await(lint));
    for (Render render : chart.renders()) {
      if (render instanceof Render.HelmFailed failed) {
        problems.addAll(templateProblems(chartDir, failed.valuesFile(), failed.message()));
      } else if (render instanceof Render.NotYaml notYaml) {
        problems.add(
            new Problem(
                Location.ofFile(chartDir.toString()),
                "",
                "Helm rendered YAML that does not parse ("
                    + notYaml.label()
                    + "): "
                    + notYaml.error(),
                "",
                Check.HELM_OUTPUT.id()));
      }
    }
    return problems;
  }

  private static List<Problem> lint(Path chartDir) {
    List<Problem> problems = new ArrayList<>();
    LintResult lint = new Helm(chartDir).lint().strict().call();
    for (String message : lint.getMessages()) {
      Matcher m = LINT_LINE.matcher(message.trim());
      if (m.matches() && m.group(1).equals("INFO")) {
        continue;
      }
      if (m.matches()) {
        problems.add(locate(chartDir, m.group(2), m.group(3), Check.HELM_LINT));
      } else if (lint.isFailed()) {
        problems.add(
            new Problem(
                Location.ofFile(chartDir.toString()), "", message, "", Check.HELM_LINT.id()));
      }
    }
    if (lint.isFailed() && problems.isEmpty()) {
      problems.add(
          new Problem(
              Location.ofFile(chartDir.toString()),
              "",
              "helm lint failed",
              "",
              Check.HELM_LINT.id()));
    }
    return problems;
  }

  /**
   * The problems of a {@code helm template} that failed with {@code message}, located as {@link
   * #check} locates them: schema errors at {@code values} (the chart's values.yaml when null),
   * template errors at their template's line. For callers that render with Helm themselves.
   */
  public static List<Problem> renderFailure(Path chartDir, Path values, String message) {
    return templateProblems(chartDir, values, message);
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
              Location.ofFile(file),
              path,
              detail,
              "see values.schema.json",
              Check.HELM_VALUES_SCHEMA.id()));
    }
    if (problems.isEmpty()) {
      problems.add(locate(chartDir, null, text, Check.HELM_TEMPLATE));
    }
    return problems;
  }

  private static Problem locate(Path chartDir, String file, String message, Check check) {
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
          check.id());
    }
    String where = file == null ? chartDir.toString() : chartDir.resolve(file).toString();
    return new Problem(Location.ofFile(where), "", message, "", check.id());
  }
}
