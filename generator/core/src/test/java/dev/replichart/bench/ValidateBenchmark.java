package dev.replichart.bench;

import dev.replichart.validate.ChartUnderTest;
import dev.replichart.validate.ChartValidator;
import dev.replichart.validate.HelmValidator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code make bench}: how long {@code replichart validate} takes on a chart with its values files,
 * cold (a fresh JVM running the CLI) and warm (the same validator called again in one JVM), each as
 * a ratio to a baseline measured in the same run: JVM start-up ({@code replichart --version}) for
 * cold, Helm alone (lint and template, no other layer) for warm. Not a test: nothing here fails on
 * a slow machine.
 */
public final class ValidateBenchmark {
  private static final int WARM_RUNS = 15;
  private static final int PROCESS_RUNS = 3;

  private ValidateBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: ValidateBenchmark JAR CHART_DIR [VALUES…]");
      System.exit(2);
    }
    Path jar = Path.of(args[0]);
    Path chart = Path.of(args[1]);
    List<Path> values = Arrays.stream(args).skip(2).map(Path::of).toList();

    List<String> validateCli = new ArrayList<>(List.of("validate", chart.toString()));
    values.forEach(v -> validateCli.addAll(List.of("-f", v.toString())));
    double jvm = medianMillis(PROCESS_RUNS, () -> runCli(jar, List.of("--version")));
    double cold = medianMillis(PROCESS_RUNS, () -> runCli(jar, validateCli));

    ChartValidator validator = new ChartValidator();
    HelmValidator helm = new HelmValidator();
    validator.check(chart, values);
    helmAlone(helm, chart, values);
    double warmHelm = medianMillis(WARM_RUNS, () -> helmAlone(helm, chart, values));
    double warm = medianMillis(WARM_RUNS, () -> validator.check(chart, values).problems().size());

    System.out.printf("validate %s with %d values file(s), median of runs%n", chart, values.size());
    System.out.printf("%-44s %9s %9s%n", "measure", "ms", "ratio");
    System.out.printf(
        "%-44s %9.0f %9s%n", "baseline: JVM start (replichart --version)", jvm, "1.00");
    System.out.printf(
        "%-44s %9.0f %9.2f%n", "cold: replichart validate (new JVM)", cold, cold / jvm);
    System.out.printf(
        "%-44s %9.1f %9s%n", "baseline: Helm lint + template, warm", warmHelm, "1.00");
    System.out.printf("%-44s %9.1f %9.2f%n", "warm: all layers, same JVM", warm, warm / warmHelm);
  }

  /** The Helm layer alone: lint, and template with the defaults and every values file. */
  private static int helmAlone(HelmValidator helm, Path chart, List<Path> values) {
    ChartUnderTest rendered =
        ChartUnderTest.unrendered(chart, values).withRenders(helm.render(chart, values));
    return helm.check(rendered).size();
  }

  private static int runCli(Path jar, List<String> args) {
    List<String> command = new ArrayList<>(List.of("java", "-jar", jar.toString()));
    command.addAll(args);
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      int code = p.waitFor();
      if (code != 0) {
        throw new IllegalStateException(command + " exited " + code);
      }
      return code;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static double medianMillis(int runs, Supplier<?> work) {
    double[] times = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      work.get();
      times[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(times);
    return times[runs / 2];
  }
}
