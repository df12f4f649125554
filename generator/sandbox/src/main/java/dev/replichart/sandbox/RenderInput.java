package dev.replichart.sandbox;

import dev.replichart.kube.HelmRender;
import dev.replichart.problem.Location;
import dev.replichart.problem.Problem;
import dev.replichart.validate.ChartUnderTest;
import dev.replichart.validate.Check;
import dev.replichart.validate.ValuesValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code sandbox up} renders the chart with — the values files and {@code --replicas} —
 * checked against the chart's values schema before Helm runs, so that a value the schema refuses is
 * a located, one-line problem (Helm would end in an exception with an unlocated message) and
 * nothing running is torn down for it.
 */
final class RenderInput {
  private RenderInput() {}

  /**
   * The chart rendered with the values files, then {@code replicaCount} set to {@code replicas}.
   *
   * @throws SandboxException with the problems, when the values or the replica count are refused
   */
  static String render(Path chartDir, List<Path> valuesFiles, int replicas) throws IOException {
    if (!Files.isDirectory(chartDir)) {
      throw new SandboxException("no chart directory " + chartDir);
    }
    List<Problem> problems = new ArrayList<>(check(chartDir, valuesFiles, replicas));
    if (!problems.isEmpty()) {
      throw new SandboxException(problems);
    }
    try {
      return HelmRender.render(
          chartDir, valuesFiles, Map.of("replicaCount", String.valueOf(replicas)));
    } catch (RuntimeException e) {
      String message = String.valueOf(e.getMessage()).replaceAll("\\s*\\n\\s*", "; ").trim();
      throw new SandboxException(
          List.of(
              new Problem(
                  Location.ofFile(chartDir.toString()),
                  "",
                  "helm template failed: " + Problem.echo(message),
                  "",
                  Check.HELM_TEMPLATE.id())));
    }
  }

  /**
   * The values files as {@code replichart validate} checks them, then the replica count as a values
   * file holding only {@code replicaCount} would be checked, located at the option.
   */
  static List<Problem> check(Path chartDir, List<Path> valuesFiles, int replicas)
      throws IOException {
    ValuesValidator validator = new ValuesValidator();
    List<Problem> problems =
        new ArrayList<>(validator.check(ChartUnderTest.unrendered(chartDir, valuesFiles)));
    Path setting = Files.createTempFile("replichart-replicas", ".yaml");
    try {
      Files.writeString(setting, "replicaCount: " + replicas + "\n", StandardCharsets.UTF_8);
      for (Problem p : validator.check(ChartUnderTest.unrendered(chartDir, List.of(setting)))) {
        if (p.location().file().equals(setting.toString())) {
          problems.add(
              new Problem(
                  Location.ofFile("--replicas " + replicas),
                  p.object(),
                  p.path(),
                  p.message(),
                  p.hint(),
                  p.checkId()));
        }
      }
    } finally {
      Files.deleteIfExists(setting);
    }
    return problems;
  }
}
