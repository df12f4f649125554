package dev.replichart.pipeline;

import dev.replichart.Futures;
import dev.replichart.plan.ChartPlan;
import dev.replichart.plan.Planner;
import dev.replichart.problem.ProblemsException;
import dev.replichart.render.ChartRenderer;
import dev.replichart.render.ChartWriter;
import dev.replichart.render.OutputTarget;
import dev.replichart.render.RenderedChart;
import dev.replichart.render.TemplateEngine;
import dev.replichart.spec.ClusterSpec;
import dev.replichart.spec.SpecParser;
import dev.replichart.validate.ChartValidator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;

/** Generates a chart from a spec file: parse, plan, render, validate with Helm, write. */
public final class ChartGenerator {
  private final TemplateEngine engine = new TemplateEngine();
  private final Planner planner = new Planner(Version.get());
  private ChartValidator validator;

  /**
   * What was written.
   *
   * @param chart the files
   * @param manifests what Helm rendered, per values set (defaults first)
   */
  public record Generated(RenderedChart chart, Map<String, String> manifests) {}

  /** Parses, plans and renders in memory, without validating or writing. */
  public RenderedChart render(Path specFile) throws ProblemsException {
    ClusterSpec spec = SpecParser.parse(specFile);
    ChartPlan plan = planner.plan(spec);
    return new ChartRenderer(engine).render(plan);
  }

  /** The validator, built on first use (loading the OpenAPI schema takes a moment). */
  public synchronized ChartValidator validator() {
    if (validator == null) {
      validator = new ChartValidator();
    }
    return validator;
  }

  /**
   * The validator, ready. The first time, it is built and {@linkplain ChartValidator#prepare()
   * prepared} on a second thread while this one parses and renders: in a new JVM the two halves
   * take about as long as each other and a machine has more than one core.
   */
  private Future<ChartValidator> validatorAhead() {
    synchronized (this) {
      if (validator != null) {
        return CompletableFuture.completedFuture(validator);
      }
    }
    FutureTask<ChartValidator> ahead = new FutureTask<>(() -> validator().prepare());
    Thread thread = new Thread(ahead, "replichart-validator-setup");
    thread.setDaemon(true);
    thread.start();
    return ahead;
  }

  /**
   * Generates into {@code output}, a directory {@link OutputTarget#choose} accepted. The output
   * directory is replaced only when every validation layer passes: the values files against the
   * schema, Helm (lint --strict, template with the defaults and every values file), the Kubernetes
   * models, the OpenAPI schema and the policy.
   */
  public Generated generate(Path specFile, OutputTarget output, List<Path> valuesFiles)
      throws ProblemsException, IOException {
    Future<ChartValidator> ahead = validatorAhead();
    RenderedChart chart = render(specFile);
    ChartValidator checks = Futures.await(ahead, "the validator was set up");
    AtomicReference<Map<String, String>> manifests = new AtomicReference<>(Map.of());
    ChartWriter.write(
        chart,
        output.directory(),
        dir -> {
          ChartValidator.Result result = checks.check(dir, valuesFiles);
          manifests.set(result.manifests());
          return result.problems();
        });
    return new Generated(chart, manifests.get());
  }
}
