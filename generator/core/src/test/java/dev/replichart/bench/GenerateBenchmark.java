package dev.replichart.bench;

import com.marcnuri.helm.Helm;
import com.sun.management.OperatingSystemMXBean;
import dev.replichart.kube.HelmRender;
import dev.replichart.pipeline.ChartGenerator;
import dev.replichart.render.OutputTarget;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * {@code make bench}, generation part: {@code replichart generate} of a spec with values files,
 * cold (a new JVM per run, as a user runs it) and warm (again and again in one JVM, as the Maven
 * plugin does for several specs), each as a ratio to the Helm pair measured in the same run and
 * round by round: {@code helm lint --strict} plus {@code helm template -f …} of the same chart with
 * the same values files, two native processes of Helm's own library (see {@code bench/helm.c}).
 * Then how warm time grows with the number of values files and replicas. Writes a Markdown section
 * and TSV data for the plots into OUT_DIR. Not a test: nothing here fails on a slow machine.
 *
 * <p>Arguments: {@code OUT_DIR LAUNCHER JAR HELM SPEC VALUES…}; system property {@code rounds}
 * (default 7) sets the paired cold runs. With {@code -Dwarm.only=true}, in a JVM started with Go's
 * collector settings, it measures only the warm figures and a new Helm pair ({@link #runWarmOnly}).
 */
public final class GenerateBenchmark {
  /** What the Go runtime in Helm's library reads from the environment about its collector. */
  private static final List<String> GO_SETTINGS = List.of("GOGC", "GOMEMLIMIT");

  private static final int WARM_UP = 8;
  private static final int WARM_RUNS = 15;

  /**
   * Rounds of every example after the warm runs, before the steady-state measure: by then the JVM's
   * compilers are done with generate (by hand, over the four examples, CPU per generate stopped
   * falling after about 200 generates), which the warm runs after 8 rounds are not.
   */
  private static final int STEADY_UP = 30;

  private static final int SCALE_RUNS = 5;

  private final Path out;
  private final Path launcher;
  private final Path jar;
  private final Path helm;
  private final Path spec;
  private final List<Path> values;
  private final Path work;

  /** As many threads as HelmValidator uses for a check's Helm calls. */
  private final ExecutorService helmPool =
      Executors.newFixedThreadPool(
          Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())),
          task -> {
            Thread thread = new Thread(task, "bench-helm");
            thread.setDaemon(true);
            return thread;
          });

  private GenerateBenchmark(String[] args) throws IOException {
    out = Path.of(args[0]);
    launcher = Path.of(args[1]);
    jar = Path.of(args[2]);
    helm = Path.of(args[3]);
    spec = Path.of(args[4]);
    values = Arrays.stream(args).skip(5).map(Path::of).toList();
    work = Files.createTempDirectory("replichart-bench");
    Files.createDirectories(out);
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 5) {
      System.err.println("usage: GenerateBenchmark OUT_DIR LAUNCHER JAR HELM SPEC [VALUES…]");
      System.exit(2);
    }
    GenerateBenchmark bench = new GenerateBenchmark(args);
    if (Boolean.getBoolean("warm.only")) {
      bench.runWarmOnly(Integer.getInteger("rounds", 7));
    } else {
      bench.run(Integer.getInteger("rounds", 7));
    }
  }

  /** One process's wall time (ms), CPU time (ms) and peak resident memory (KiB). */
  record Run(double wallMs, double cpuMs, long peakKib) {}

  private void run(int rounds) throws Exception {
    Path chart = work.resolve("chart");
    List<String> generateArgs = generateArgs(spec, chart, values);
    // The chart the Helm pair reads: the one this spec generates.
    measure(List.of(launcher.toString()), generateArgs);

    List<Run> helmPair = new ArrayList<>();
    List<Run> launched = new ArrayList<>();
    List<Run> plainJar = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      // alternate the order so that neither side always runs right after the other
      if (round % 2 == 0) {
        helmPair.add(helmPair(chart, values));
        launched.add(measure(List.of(launcher.toString()), generateArgs));
        plainJar.add(measure(List.of("java", "-jar", jar.toString()), generateArgs));
      } else {
        plainJar.add(measure(List.of("java", "-jar", jar.toString()), generateArgs));
        launched.add(measure(List.of(launcher.toString()), generateArgs));
        helmPair.add(helmPair(chart, values));
      }
      System.out.printf(
          Locale.ROOT,
          "cold round %d: helm pair %.0f ms, bin/replichart %.0f ms, java -jar %.0f ms%n",
          round + 1,
          helmPair.get(round).wallMs(),
          launched.get(round).wallMs(),
          plainJar.get(round).wallMs());
    }

    ChartGenerator generator = new ChartGenerator();
    Path warmOut = work.resolve("warm");
    Warm warm = warm(generator, warmOut);

    Map<Integer, double[]> byValues = new LinkedHashMap<>();
    for (int n : new int[] {1, 10, 50}) {
      List<Path> files = valuesCopies(n);
      double replichart = medianMs(SCALE_RUNS, () -> generate(generator, spec, warmOut, files));
      double helmMs = median(SCALE_RUNS, () -> helmPair(chart, files).wallMs());
      byValues.put(n, new double[] {replichart, helmMs});
      System.out.printf(Locale.ROOT, "%d values files: warm %.0f ms%n", n, replichart);
    }
    Map<Integer, double[]> byReplicas = new LinkedHashMap<>();
    for (int n : new int[] {3, 5, 9}) {
      Path variant = withReplicas(n);
      double replichart = medianMs(SCALE_RUNS, () -> generate(generator, variant, warmOut, values));
      Path variantChart = work.resolve("chart-" + n);
      generate(generator, variant, variantChart, values);
      double helmMs = median(SCALE_RUNS, () -> helmPair(variantChart, values).wallMs());
      byReplicas.put(n, new double[] {replichart, helmMs});
      System.out.printf(Locale.ROOT, "%d replicas: warm %.0f ms%n", n, replichart);
    }

    write(rounds, helmPair, launched, plainJar, warm, byValues, byReplicas);
  }

  /** The warm measures of one JVM, and its peak resident memory (KiB) after them. */
  record Warm(
      Run one, Run all, Run steady, Run floor, Run floorAll, List<Path> specs, long peakKib) {
    /** How many generates the JVM had run before the steady-state measure. */
    int generatesBeforeSteady() {
      return (WARM_UP + WARM_RUNS + STEADY_UP) * specs.size() + WARM_RUNS;
    }
  }

  /**
   * Warm: the benchmarked spec again and again, then every example; every example again once the
   * JVM's compilers are done ({@link #STEADY_UP}); then the floor, only the Helm calls those checks
   * make (lint, then template with the defaults and with each values file), side by side on as many
   * threads as the validator uses.
   */
  private Warm warm(ChartGenerator generator, Path warmOut) throws IOException {
    List<Path> specs = examples();
    Runnable everyExample =
        () -> {
          for (Path example : specs) {
            generate(generator, example, warmOut, isSpec(example) ? values : List.of());
          }
        };
    for (int i = 0; i < WARM_UP; i++) {
      everyExample.run();
    }
    Run one = medianWarm(WARM_RUNS, () -> generate(generator, spec, warmOut, values));
    Run all = medianWarm(WARM_RUNS, everyExample);
    for (int i = 0; i < STEADY_UP; i++) {
      everyExample.run();
    }
    Run steady = medianWarm(WARM_RUNS, everyExample);
    Map<Path, Path> charts = new LinkedHashMap<>();
    for (Path example : specs) {
      Path dir = work.resolve("floor-" + example.getFileName());
      generate(generator, example, dir, isSpec(example) ? values : List.of());
      charts.put(example.toAbsolutePath().normalize(), dir);
    }
    Run floor =
        medianWarm(
            WARM_RUNS, () -> helmCalls(charts.get(spec.toAbsolutePath().normalize()), values));
    Run floorAll =
        medianWarm(
            WARM_RUNS,
            () ->
                charts.forEach(
                    (example, dir) -> helmCalls(dir, isSpec(example) ? values : List.of())));
    return new Warm(one, all, steady, floor, floorAll, specs, peakKib());
  }

  /** This JVM's peak resident memory so far (KiB), from /proc; 0 where there is none. */
  private static long peakKib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  /**
   * The warm measures again, in a JVM that {@code bench/run.sh} started with Go's collector
   * settings in its environment: Helm's Go runtime reads them once, when its library loads, so the
   * JVM that loads it must have them from its start. The Helm pair is measured again in this run,
   * with Go's defaults like every process this benchmark starts. Writes {@code
   * generation-go-gc.md}.
   */
  private void runWarmOnly(int rounds) throws Exception {
    String settings = goSettings();
    if (settings.isEmpty()) {
      throw new IllegalStateException("warm.only measures Go's collector settings: none is set");
    }
    Path chart = work.resolve("chart");
    measure(List.of(launcher.toString()), generateArgs(spec, chart, values));
    List<Run> helmPair = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      helmPair.add(helmPair(chart, values));
    }
    Warm warm = warm(new ChartGenerator(), work.resolve("warm-go-gc"));
    double helmWall = median(helmPair, Run::wallMs);
    double helmCpu = median(helmPair, Run::cpuMs);
    StringBuilder md = new StringBuilder();
    md.append("### Warm, with Go's collector given room\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "The warm measures again, in a JVM started with `%s` in its environment (`bench/run.sh`"
                + " runs `GenerateBenchmark` a second time with `-Dwarm.only=true`). Helm's Go"
                + " runtime reads these once, when its library loads into the JVM, so they take"
                + " effect only when the process was started with them: `bin/replichart` does not"
                + " set them (by hand, 9 interleaved cold runs gained 3–5%% for 20–50 MiB more peak"
                + " RSS), and a Maven build gets them from the environment `mvn` starts in. With"
                + " Go's defaults the collector starts a cycle every 4 MB Helm allocates. The Helm"
                + " pair here is %d new cold pairs with Go's defaults.%n%n",
            settings,
            rounds));
    md.append("| Measure | Wall | Ratio (wall) | CPU | Ratio (CPU) |\n");
    md.append("|---|---:|---:|---:|---:|\n");
    md.append(
        String.format(
            Locale.ROOT,
            "| Helm pair, cold (baseline) | %.0f ms | 1.00 | %.0f ms | 1.00 |%n",
            helmWall,
            helmCpu));
    warmRows(md, warm, helmWall, helmCpu, false);
    md.append(
        String.format(
            Locale.ROOT,
            "%nPeak RSS of this benchmark JVM after its warm runs: %.0f MiB.%n",
            warm.peakKib() / 1024.0));
    Files.writeString(out.resolve("generation-go-gc.md"), md.toString(), StandardCharsets.UTF_8);
    System.out.print(md);
  }

  /** The Go runtime settings in this process's environment, as {@code NAME=value} words. */
  private static String goSettings() {
    List<String> set = new ArrayList<>();
    for (String name : GO_SETTINGS) {
      String value = System.getenv(name);
      if (value != null) {
        set.add(name + "=" + value);
      }
    }
    return String.join(" ", set);
  }

  private void write(
      int rounds,
      List<Run> helmPair,
      List<Run> launched,
      List<Run> plainJar,
      Warm warm,
      Map<Integer, double[]> byValues,
      Map<Integer, double[]> byReplicas)
      throws IOException {
    double helmWall = median(helmPair, Run::wallMs);
    double helmCpu = median(helmPair, Run::cpuMs);
    String valuesFlags = String.join(" ", values.stream().map(v -> "-f " + v).toList());
    StringBuilder md = new StringBuilder();
    md.append("## Generation\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "`generate %s -o DIR %s` (%d values files): medians of %d paired cold rounds (the three"
                + " commands in alternating order each round) and of %d warm runs after %d"
                + " warm-up rounds. The Helm pair is `helm lint --strict CHART` plus `helm template"
                + " CHART %s`, two processes of the Helm library that replichart embeds, built by"
                + " `bench/helm.c`; replichart does more than that pair (it also templates each"
                + " values file on its own and runs the schema, model and policy layers).%n%n",
            spec,
            valuesFlags,
            values.size(),
            rounds,
            WARM_RUNS,
            WARM_UP,
            valuesFlags));
    md.append("| Measure | Wall | Ratio (wall) | CPU | Ratio (CPU) | Peak RSS |\n");
    md.append("|---|---:|---:|---:|---:|---:|\n");
    row(md, "Helm pair, cold (baseline)", helmPair, helmWall, helmCpu);
    row(md, "cold: `bin/replichart generate` (launcher)", launched, helmWall, helmCpu);
    row(md, "cold: `java -jar replichart.jar generate`", plainJar, helmWall, helmCpu);
    warmRows(md, warm, helmWall, helmCpu, true);
    md.append(
        String.format(
            Locale.ROOT,
            "%nPeak RSS of the Helm pair is the larger of its two processes. Warm runs share the"
                + " JVM of the benchmark: their CPU is that JVM's over the run (every thread,"
                + " Helm's included), and no RSS is given. A warm check of %s with %d values"
                + " files calls Helm %d times (`lint --strict`, then `template` with the defaults"
                + " and with each values file on its own, so that a problem is traced to its file),"
                + " where the pair calls it twice: the floor rows are what those calls alone cost"
                + " in the same JVM, the least any check that renders each values file can take"
                + " with this Helm. The warm rows come early in the JVM's life, as in a build of"
                + " a few specs, while its compilers still work on generate; the steady-state row"
                + " comes after %d more rounds of every example, when they are done. Peak RSS of"
                + " the benchmark JVM after its warm runs: %.0f MiB. %d cores here.%n%n",
            spec.getFileName(),
            values.size(),
            values.size() + 2,
            STEADY_UP,
            warm.peakKib() / 1024.0,
            Runtime.getRuntime().availableProcessors()));

    md.append("### Scaling (warm, one JVM)\n\n![scaling](scaling.svg)\n\n");
    md.append("| Input | replichart warm | Helm pair (cold) |\n|---|---:|---:|\n");
    StringBuilder tsvValues = new StringBuilder("# values_files\treplichart_ms\thelm_pair_ms\n");
    byValues.forEach(
        (n, t) -> {
          md.append(
              String.format(
                  Locale.ROOT, "| %d values files | %.0f ms | %.0f ms |%n", n, t[0], t[1]));
          tsvValues.append(String.format(Locale.ROOT, "%d\t%.1f\t%.1f%n", n, t[0], t[1]));
        });
    StringBuilder tsvReplicas = new StringBuilder("# replicas\treplichart_ms\thelm_pair_ms\n");
    byReplicas.forEach(
        (n, t) -> {
          md.append(
              String.format(
                  Locale.ROOT,
                  "| %d replicas, %d values files | %.0f ms | %.0f ms |%n",
                  n,
                  values.size(),
                  t[0],
                  t[1]));
          tsvReplicas.append(String.format(Locale.ROOT, "%d\t%.1f\t%.1f%n", n, t[0], t[1]));
        });
    md.append(
        "\nValues files are copies of the values files above, cycled. Replicas are the spec's"
            + " `spec.replicas`; the spec allows at most 9 (50 is refused with SPEC-RANGE) and the"
            + " semi-sync example needs at least 2, so the series is 3, 5, 9. Each values file adds one `helm template` and one"
            + " pass of every layer over its objects; replicas change no file count.\n");
    StringBuilder tsvCold = new StringBuilder("# run\thelm_pair_ms\tlauncher_ms\tjava_jar_ms\n");
    for (int i = 0; i < helmPair.size(); i++) {
      tsvCold.append(
          String.format(
              Locale.ROOT,
              "%d\t%.1f\t%.1f\t%.1f%n",
              i + 1,
              helmPair.get(i).wallMs(),
              launched.get(i).wallMs(),
              plainJar.get(i).wallMs()));
    }
    Files.writeString(out.resolve("generation.md"), md.toString(), StandardCharsets.UTF_8);
    Files.writeString(out.resolve("scaling-values.tsv"), tsvValues.toString());
    Files.writeString(out.resolve("scaling-replicas.tsv"), tsvReplicas.toString());
    Files.writeString(out.resolve("cold.tsv"), tsvCold.toString());
    System.out.print(md);
  }

  private static void row(
      StringBuilder md, String name, List<Run> runs, double helmWall, double helmCpu) {
    double wall = median(runs, Run::wallMs);
    double cpu = median(runs, Run::cpuMs);
    long rss = (long) median(runs, r -> (double) r.peakKib());
    md.append(
        String.format(
            Locale.ROOT,
            "| %s | %.0f ms | %.2f | %.0f ms | %.2f | %.0f MiB |%n",
            name,
            wall,
            wall / helmWall,
            cpu,
            cpu / helmCpu,
            rss / 1024.0));
  }

  /** The warm and floor rows of one JVM's {@link Warm} measures. */
  private static void warmRows(
      StringBuilder md, Warm warm, double helmWall, double helmCpu, boolean rssColumn) {
    int count = warm.specs().size();
    record Row(String name, Run run, int per) {}
    List<Row> rows =
        List.of(
            new Row("warm: `ChartGenerator.generate` in one JVM", warm.one(), 1),
            new Row("warm: all " + count + " examples in one JVM, per spec", warm.all(), count),
            new Row(
                "warm, steady state: all "
                    + count
                    + " examples, per spec, after "
                    + warm.generatesBeforeSteady()
                    + " generates in the JVM",
                warm.steady(),
                count),
            new Row(
                "floor: the Helm calls of that warm check alone (in-process, side by side)",
                warm.floor(),
                1),
            new Row(
                "floor: the Helm calls of the " + count + " examples' checks, per spec",
                warm.floorAll(),
                count));
    // a warm measure: wall and the benchmark JVM's CPU, over the row's specs
    for (Row row : rows) {
      double wall = row.run().wallMs() / row.per();
      double cpu = row.run().cpuMs() / row.per();
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.0f ms | %.2f | %.0f ms | %.2f |%s%n",
              row.name(),
              wall,
              wall / helmWall,
              cpu,
              cpu / helmCpu,
              rssColumn ? " |" : ""));
    }
  }

  /** The Helm calls of one check, as {@code HelmValidator} makes them: at once, on its pool. */
  private void helmCalls(Path chart, List<Path> files) {
    List<Callable<Object>> calls = new ArrayList<>();
    calls.add(() -> new Helm(chart).lint().strict().call());
    calls.add(() -> HelmRender.command(chart).call());
    for (Path f : files) {
      calls.add(() -> HelmRender.command(chart).withValuesFile(f.toAbsolutePath()).call());
    }
    try {
      for (Future<Object> call : helmPool.invokeAll(calls)) {
        call.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Median wall time of {@code runs} runs, with the process CPU time of that same run. */
  private static Run medianWarm(int runs, Runnable work) {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    List<Run> all = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long cpu = os.getProcessCpuTime();
      long start = System.nanoTime();
      work.run();
      all.add(new Run((System.nanoTime() - start) / 1e6, (os.getProcessCpuTime() - cpu) / 1e6, 0));
    }
    all.sort(java.util.Comparator.comparingDouble(Run::wallMs));
    return all.get(runs / 2);
  }

  private static List<String> generateArgs(Path spec, Path output, List<Path> values) {
    List<String> args =
        new ArrayList<>(List.of("generate", spec.toString(), "-o", output.toString()));
    values.forEach(v -> args.addAll(List.of("-f", v.toString())));
    return args;
  }

  /** Both Helm processes; wall and CPU add up, the peak is the larger one. */
  private Run helmPair(Path chart, List<Path> files) {
    Run lint = measure(List.of(helm.toString(), "lint", chart.toString()), List.of());
    List<String> template = new ArrayList<>(List.of(helm.toString(), "template", chart.toString()));
    files.forEach(f -> template.addAll(List.of("-f", f.toAbsolutePath().toString())));
    Run render = measure(template, List.of());
    return new Run(
        lint.wallMs() + render.wallMs(),
        lint.cpuMs() + render.cpuMs(),
        Math.max(lint.peakKib(), render.peakKib()));
  }

  /** Runs a command under GNU time; fails on a non-zero exit. */
  private Run measure(List<String> command, List<String> args) {
    try {
      Path times = Files.createTempFile(work, "time", ".txt");
      List<String> full =
          new ArrayList<>(List.of("/usr/bin/time", "-o", times.toString(), "-f", "%U %S %M"));
      full.addAll(command);
      full.addAll(args);
      long start = System.nanoTime();
      ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
      // every process measured here runs with Go's defaults, as a user's shell starts it
      GO_SETTINGS.forEach(builder.environment()::remove);
      Process p = builder.start();
      byte[] output = p.getInputStream().readAllBytes();
      int code = p.waitFor();
      double wall = (System.nanoTime() - start) / 1e6;
      if (code != 0) {
        throw new IllegalStateException(
            full + " exited " + code + ":\n" + new String(output, StandardCharsets.UTF_8));
      }
      List<String> lines = Files.readAllLines(times);
      String[] fields = lines.get(lines.size() - 1).trim().split(" ");
      return new Run(
          wall,
          (Double.parseDouble(fields[0]) + Double.parseDouble(fields[1])) * 1000,
          Long.parseLong(fields[2]));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void generate(ChartGenerator generator, Path spec, Path output, List<Path> files) {
    List<Path> inputs = new ArrayList<>(List.of(spec));
    inputs.addAll(files);
    try {
      generator.generate(spec, OutputTarget.choose(output, inputs, false), files);
    } catch (Exception e) {
      throw new IllegalStateException("generate " + spec + " " + files + ": " + e, e);
    }
  }

  private boolean isSpec(Path example) {
    return example.toAbsolutePath().normalize().equals(spec.toAbsolutePath().normalize());
  }

  /** The valid examples: every spec beside the benchmarked one. */
  private List<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(spec.toAbsolutePath().getParent())) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  private List<Path> valuesCopies(int n) throws IOException {
    Path dir = Files.createDirectories(work.resolve("values-" + n));
    List<Path> copies = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Path source = values.get(i % values.size());
      Path copy = dir.resolve(String.format(Locale.ROOT, "%02d-%s", i, source.getFileName()));
      Files.copy(source, copy);
      copies.add(copy);
    }
    return copies;
  }

  private Path withReplicas(int n) throws IOException {
    String text = Files.readString(spec);
    java.util.regex.Pattern line = java.util.regex.Pattern.compile("(?m)^(\\s+replicas:)\\s*\\d+");
    if (!line.matcher(text).find()) {
      throw new IllegalStateException(spec + " has no spec.replicas line");
    }
    Path variant = work.resolve("replicas-" + n + ".yaml");
    Files.writeString(variant, line.matcher(text).replaceFirst("$1 " + n));
    return variant;
  }

  private static double medianMs(int runs, Runnable work) {
    return median(
        runs,
        () -> {
          long start = System.nanoTime();
          work.run();
          return (System.nanoTime() - start) / 1e6;
        });
  }

  private static double median(int runs, java.util.function.DoubleSupplier sample) {
    double[] times = new double[runs];
    for (int i = 0; i < runs; i++) {
      times[i] = sample.getAsDouble();
    }
    Arrays.sort(times);
    return times[runs / 2];
  }

  private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> field) {
    double[] v = runs.stream().mapToDouble(field).sorted().toArray();
    return v[v.length / 2];
  }
}
