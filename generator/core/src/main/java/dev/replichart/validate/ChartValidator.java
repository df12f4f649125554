package dev.replichart.validate;

import dev.replichart.kube.KubeObject;
import dev.replichart.problem.Location;
import dev.replichart.problem.Problem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every layer on one chart directory, in order: values files against the values schema; real Helm
 * (lint, template with the defaults and each valid values file); then each rendered object against
 * its fabric8 model and the Kubernetes OpenAPI schema, and all objects together against the policy.
 * A problem found the same way in several renders, or at the same field by two layers, is reported
 * once. Build one per process and reuse it: the OpenAPI schema is loaded once.
 */
public final class ChartValidator {
  private final HelmValidator helm = new HelmValidator();
  private final ValuesValidator values = new ValuesValidator();
  private final ModelValidator models = new ModelValidator();
  private final OpenApiValidator openApi = new OpenApiValidator();
  private final PolicyValidator policy = new PolicyValidator();

  /**
   * What the layers found.
   *
   * @param problems every problem, each once, in reading order
   * @param manifests what Helm rendered, per values set (defaults first)
   * @param objects how many rendered objects were checked (over all values sets)
   */
  public record Result(List<Problem> problems, Map<String, String> manifests, int objects) {}

  public Result check(Path chartDir, List<Path> valuesFiles) {
    List<Problem> problems = new ArrayList<>();
    List<Path> renderable = new ArrayList<>();
    for (Path file : valuesFiles) {
      try {
        List<Problem> found = values.check(chartDir, file);
        problems.addAll(found);
        if (found.isEmpty()) {
          renderable.add(file);
        }
      } catch (IOException e) {
        problems.add(
            new Problem(
                Location.ofFile(file.toString()),
                "",
                "cannot read: " + e.getMessage(),
                "",
                "VALUES-IO"));
      }
    }
    try {
      problems.addAll(values.checkDefaults(chartDir));
    } catch (IOException e) {
      problems.add(
          new Problem(
              Location.ofFile(chartDir.resolve("values.yaml").toString()),
              "",
              "cannot read: " + e.getMessage(),
              "",
              "VALUES-IO"));
    }
    HelmValidator.Result rendered = helm.check(chartDir, renderable);
    problems.addAll(rendered.problems());
    Locator locator = new Locator(chartDir);
    int count = 0;
    for (Map.Entry<String, String> manifests : rendered.manifests().entrySet()) {
      List<KubeObject> objects;
      try {
        objects = KubeObject.parseAll(manifests.getValue());
      } catch (IOException e) {
        problems.add(
            new Problem(
                Location.ofFile(chartDir.toString()),
                "",
                "Helm rendered YAML that does not parse ("
                    + manifests.getKey()
                    + "): "
                    + e.getMessage(),
                "",
                "HELM-OUTPUT"));
        continue;
      }
      count += objects.size();
      for (KubeObject object : objects) {
        problems.addAll(openApi.check(object, locator));
        problems.addAll(models.check(object, locator));
      }
      problems.addAll(policy.check(objects, locator));
    }
    return new Result(once(problems), rendered.manifests(), count);
  }

  /**
   * Each problem once. The schema and model layers often see the same wrong field (a string where
   * an integer belongs): for them the first report per object and field wins. Everything else is
   * dropped only when identical, which merges what several values sets render alike.
   */
  private static List<Problem> once(List<Problem> problems) {
    Map<String, Problem> unique = new LinkedHashMap<>();
    for (Problem p : problems) {
      boolean schemaLayer = p.checkId().startsWith("OPENAPI-") || p.checkId().startsWith("MODEL-");
      String key =
          schemaLayer
              ? p.object() + "|" + p.path()
              : String.join(
                  "|", p.location().toString(), p.object(), p.path(), p.checkId(), p.message());
      unique.putIfAbsent(key, p);
    }
    return unique.values().stream().sorted(Problem.READING_ORDER).toList();
  }
}
