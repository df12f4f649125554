package dev.replichart.validate;

import dev.replichart.problem.Problem;
import dev.replichart.validate.ChartUnderTest.Render;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Every layer on one chart directory, in order: values files against the values schema; real Helm
 * (lint, template with the defaults and each valid values file); then each rendered object against
 * the Kubernetes OpenAPI schema and its fabric8 model, and all objects together against the policy.
 * A problem found the same way in several renders, or at the same field by two layers, is reported
 * once. Build one per process and reuse it: the OpenAPI schema is loaded once, the values schema
 * compiled once per chart.
 */
public final class ChartValidator {
  private final ValuesValidator values = new ValuesValidator();
  private final HelmValidator helm = new HelmValidator();

  /** The layers that read the values files only: Helm renders the files they accept. */
  private final List<Layer> beforeRender = List.of(values);

  private final ModelValidator models = new ModelValidator();

  /** The layers that read what Helm rendered, in order, after Helm's own. */
  private final List<Layer> afterRender =
      List.of(new OpenApiValidator(), models, new PolicyValidator());

  /**
   * Does ahead what the first {@link #check} would otherwise pay for whatever the chart: loads
   * Helm's native library and builds the Kubernetes models' deserializers. A cold {@code generate}
   * runs this on a second thread while it renders; the checks themselves are unchanged.
   */
  public ChartValidator prepare() {
    helm.load();
    models.prepare();
    return this;
  }

  /**
   * What the layers found.
   *
   * @param problems every problem, each once, in reading order
   * @param manifests what Helm rendered, per values set (defaults first)
   * @param objects how many rendered objects were checked (over all values sets)
   */
  public record Result(List<Problem> problems, Map<String, String> manifests, int objects) {}

  public Result check(Path chartDir, List<Path> valuesFiles) {
    // lint reads the chart directory only: it runs while the values files are checked and the
    // chart is templated; its problems still come first among Helm's
    Future<List<Problem>> lint = helm.lintAhead(chartDir);
    ChartUnderTest chart = ChartUnderTest.unrendered(chartDir, valuesFiles);
    List<Problem> problems = new ArrayList<>();
    for (Layer layer : beforeRender) {
      problems.addAll(layer.check(chart));
    }
    chart = chart.withRenders(helm.render(chartDir, accepted(valuesFiles, problems)));
    // lint is the longest Helm call: the object layers run while it finishes; their problems
    // still follow Helm's
    List<Problem> objectProblems = new ArrayList<>();
    for (Layer layer : afterRender) {
      objectProblems.addAll(layer.check(chart));
    }
    problems.addAll(helm.check(chart, lint));
    problems.addAll(objectProblems);
    Map<String, String> manifests = new LinkedHashMap<>();
    int objects = 0;
    for (Render render : chart.renders()) {
      if (render instanceof Render.Parsed parsed) {
        manifests.put(parsed.label(), parsed.manifests());
        objects += parsed.objects().size();
      } else if (render instanceof Render.NotYaml notYaml) {
        manifests.put(notYaml.label(), notYaml.manifests());
      }
    }
    return new Result(once(problems), manifests, objects);
  }

  /** The values files no problem so far points at. */
  private static List<Path> accepted(List<Path> valuesFiles, List<Problem> problems) {
    Set<String> rejected =
        problems.stream().map(p -> p.location().file()).collect(Collectors.toSet());
    return valuesFiles.stream().filter(f -> !rejected.contains(f.toString())).toList();
  }

  /**
   * Each problem once. The schema and model layers often see the same wrong field (a string where
   * an integer belongs): for them the first report per object and field wins (the OpenAPI layer
   * runs first). Everything else is dropped only when identical, which merges what several values
   * sets render alike.
   */
  private static List<Problem> once(List<Problem> problems) {
    Map<String, Problem> unique = new LinkedHashMap<>();
    for (Problem p : problems) {
      boolean schemaLayer = isSchemaLayer(p.checkId());
      String key =
          schemaLayer
              ? p.object() + "|" + p.path()
              : String.join(
                  "|", p.location().toString(), p.object(), p.path(), p.checkId(), p.message());
      unique.putIfAbsent(key, p);
    }
    return unique.values().stream().sorted(Problem.READING_ORDER).toList();
  }

  private static boolean isSchemaLayer(String checkId) {
    for (Check check : Check.values()) {
      if (check.id().equals(checkId)) {
        return check.layer() == Layer.Name.OPENAPI || check.layer() == Layer.Name.MODELS;
      }
    }
    return false;
  }
}
