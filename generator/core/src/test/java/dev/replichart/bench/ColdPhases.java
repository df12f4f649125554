package dev.replichart.bench;

import dev.replichart.pipeline.Version;
import dev.replichart.plan.ChartPlan;
import dev.replichart.plan.Planner;
import dev.replichart.problem.Problem;
import dev.replichart.render.ChartRenderer;
import dev.replichart.render.ChartWriter;
import dev.replichart.render.RenderedChart;
import dev.replichart.render.TemplateEngine;
import dev.replichart.spec.ClusterSpec;
import dev.replichart.spec.SpecParser;
import dev.replichart.validate.ChartUnderTest;
import dev.replichart.validate.HelmValidator;
import dev.replichart.validate.Layer;
import dev.replichart.validate.ModelValidator;
import dev.replichart.validate.OpenApiValidator;
import dev.replichart.validate.PolicyValidator;
import dev.replichart.validate.ValuesValidator;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Where one cold {@code generate} spends its time: the same stages {@code ChartGenerator} runs, one
 * after the other in a fresh JVM, each timed, with the classes each one loads. Run it in a new JVM
 * with the shaded jar on the class path; it prints one {@code phase<TAB>ms<TAB>classes} line per
 * stage. Not a test.
 */
public final class ColdPhases {
  private ColdPhases() {}

  public static void main(String[] args) throws Exception {
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    long mainAt = System.currentTimeMillis();
    Path spec = Path.of(args[0]);
    List<Path> values = Arrays.stream(args).skip(1).map(Path::of).toList();
    Map<String, double[]> phases = new LinkedHashMap<>();
    phases.put(
        "JVM start to main()",
        new double[] {
          mainAt - jvmStart, ManagementFactory.getClassLoadingMXBean().getLoadedClassCount()
        });

    ClusterSpec parsed = time(phases, "parse spec", () -> SpecParser.parse(spec));
    ChartPlan plan = time(phases, "plan", () -> new Planner(Version.get()).plan(parsed));
    TemplateEngine engine = time(phases, "jinjava setup", TemplateEngine::new);
    RenderedChart chart =
        time(phases, "render templates", () -> new ChartRenderer(engine).render(plan));
    Path dir = Files.createTempDirectory("replichart-phases");
    time(
        phases,
        "write files",
        () -> {
          ChartWriter.writeFiles(chart, dir.resolve("chart"));
          return null;
        });
    Path chartDir = dir.resolve("chart");
    ChartUnderTest unrendered = ChartUnderTest.unrendered(chartDir, values);
    ValuesValidator valuesLayer = time(phases, "values schema: setup", ValuesValidator::new);
    time(phases, "values schema: check", () -> valuesLayer.check(unrendered));
    HelmValidator helm = new HelmValidator();
    time(phases, "Helm: native load + 1st template", () -> helm.render(chartDir, List.of()));
    ChartUnderTest rendered =
        time(
            phases,
            "Helm: template x" + (values.size() + 1) + " + parse YAML",
            () -> unrendered.withRenders(helm.render(chartDir, values)));
    time(phases, "Helm: lint --strict", () -> helm.check(rendered));
    OpenApiValidator openApi = time(phases, "OpenAPI: load schema", OpenApiValidator::new);
    time(phases, "OpenAPI: check objects", () -> openApi.check(rendered));
    List<Layer> rest = List.of(new ModelValidator(), new PolicyValidator());
    time(phases, "fabric8 models: check", () -> rest.get(0).check(rendered));
    time(phases, "policy: check", () -> rest.get(1).check(rendered));

    for (Map.Entry<String, double[]> e : phases.entrySet()) {
      System.out.printf("%s\t%.0f\t%.0f%n", e.getKey(), e.getValue()[0], e.getValue()[1]);
    }
  }

  private static <T> T time(Map<String, double[]> phases, String name, Callable<T> work)
      throws Exception {
    int before = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
    long start = System.nanoTime();
    T result = work.call();
    double ms = (System.nanoTime() - start) / 1e6;
    int after = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
    phases.put(name, new double[] {ms, after - before});
    if (result instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Problem) {
      throw new IllegalStateException(name + " found problems: " + list);
    }
    return result;
  }
}
