package dev.replichart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replichart.TestFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL at any moment leaves the output either as it was (absent on a first generation) or as the
 * complete new chart, and staging directories do not pile up.
 *
 * <p>One {@code replichart generate} in a child JVM takes about 7 s here (Helm validation is most
 * of it, and the files are written and swapped only in its last milliseconds), so 100 killed runs
 * would take over 5 minutes and few kills would hit the writing. The test therefore kills two kinds
 * of child JVM, each with {@link Process#destroyForcibly()} (SIGKILL on Linux):
 *
 * <ol>
 *   <li>{@value #CLI_KILLS} runs of the real {@code Main generate}, killed after a delay drawn from
 *       the timeline of one measured uninterrupted run: half anywhere in the run, half between the
 *       moment the staging directory appeared and the end.
 *   <li>{@value #WRITER_KILLS} runs of {@link ChartWriterChild}, which writes a real generated
 *       chart with the same {@code ChartWriter.write} the command uses, with a check that passes at
 *       once. That is the whole file-system part of {@code generate} (parents, stale cleanup,
 *       staging directory, every file, the exchange, deleting the previous chart) without the
 *       seconds of Helm in front of it. A quarter of the kills fall anywhere in the child's life;
 *       the rest are aimed from the moment it announces the write, over the measured length of the
 *       write and swap, so most land in the middle of it.
 * </ol>
 *
 * <p>The runs alternate between two different charts, so "as it was" and "the new chart" are told
 * apart, and every eighth run starts from no output at all. About 90 s in all on 2 cores.
 */
class CrashSafetyTest {
  private static final int CLI_KILLS = 12;
  private static final int WRITER_KILLS = 120;

  /** Killed runs leave staging directories, which later runs remove; never more than this many. */
  private static final int MAX_LEFTOVERS = 4;

  @TempDir Path tmp;

  private final Random random = new Random();

  @Test
  void aKilledGenerateLeavesThePreviousOutputOrTheNewOneAndNothingPilesUp() throws Exception {
    Path specA = TestFiles.repoRoot().resolve("examples/minimal.yaml");
    Path specB = TestFiles.repoRoot().resolve("examples/sdnc-db.yaml");
    Map<String, String> chartA = generateInProcess(specA, tmp.resolve("a"));
    Map<String, String> chartB = generateInProcess(specB, tmp.resolve("b"));
    assertThat(chartA).isNotEqualTo(chartB);

    Outcomes cli = new Outcomes();
    Path out = Files.createDirectories(tmp.resolve("cli")).resolve("chart");
    Timeline measured = measure(generate(specA, out), out);
    cli.record(null, chartA, TestFiles.readTree(out), out);
    Map<String, String> previous = chartA;
    for (int i = 0; i < CLI_KILLS; i++) {
      boolean toB = chartA.equals(previous) || previous == null && random.nextBoolean();
      long delay =
          i % 2 == 0
              ? (long) (random.nextDouble() * measured.endNanos)
              : measured.stagingNanos
                  + (long)
                      (random.nextDouble() * 1.05 * (measured.endNanos - measured.stagingNanos));
      kill(generate(toB ? specB : specA, out), delay);
      previous = cli.record(previous, toB ? chartB : chartA, treeOrNull(out), out);
    }

    Outcomes writer = new Outcomes();
    Path target = Files.createDirectories(tmp.resolve("writer")).resolve("chart");
    Path sourceA = tmp.resolve("a");
    Path sourceB = tmp.resolve("b");
    Timeline write = measure(writeChart(sourceA, target), target);
    writer.record(null, chartA, TestFiles.readTree(target), target);
    previous = chartA;
    for (int i = 0; i < WRITER_KILLS; i++) {
      if (i % 8 == 7) {
        dev.replichart.Directories.deleteTree(target);
        previous = null;
      }
      boolean toB = chartA.equals(previous) || previous == null && random.nextBoolean();
      Process child = writeChart(toB ? sourceB : sourceA, target);
      if (i % 4 == 0) {
        kill(child, (long) (random.nextDouble() * write.endNanos));
      } else {
        long span = write.endNanos - write.announcedNanos;
        awaitLine(child, "write");
        kill(child, (long) (random.nextDouble() * 1.3 * span));
      }
      previous = writer.record(previous, toB ? chartB : chartA, treeOrNull(target), target);
    }

    // a run that is not killed cleans up after every dead one before it
    assertThat(writeChart(sourceB, target).waitFor()).isZero();
    assertThat(siblings(target)).containsExactly("chart");
    assertThat(generate(specA, out).waitFor()).isZero();
    assertThat(siblings(out)).containsExactly("chart");

    System.out.printf(
        "CrashSafetyTest: generate %s; ChartWriter %s%n", cli.summary(), writer.summary());
    // the kills must have hit the writing, not only the JVM's start
    assertThat(writer.midWrite).as(writer.summary()).isGreaterThanOrEqualTo(WRITER_KILLS / 5);
    assertThat(writer.becameNew).as(writer.summary()).isGreaterThan(0);
    assertThat(writer.stayedOld).as(writer.summary()).isGreaterThan(0);
  }

  /** What the kills left: the previous chart, the new one, or (first generation) nothing. */
  private static final class Outcomes {
    int stayedOld;
    int becameNew;
    int stayedAbsent;
    int midWrite;

    Map<String, String> record(
        Map<String, String> previous,
        Map<String, String> next,
        Map<String, String> now,
        Path target)
        throws IOException {
      if (now == null) {
        assertThat(previous).as("the previous chart vanished").isNull();
        stayedAbsent++;
      } else if (now.equals(next)) {
        becameNew++;
      } else {
        assertThat(now).as("neither the previous chart nor the new one").isEqualTo(previous);
        stayedOld++;
      }
      List<String> leftovers = siblings(target);
      leftovers.remove("chart");
      if (!leftovers.isEmpty()) {
        midWrite++;
      }
      assertThat(leftovers).hasSizeLessThanOrEqualTo(MAX_LEFTOVERS);
      return now;
    }

    String summary() {
      return String.format(
          "%d kept, %d new, %d still absent, %d killed mid-write",
          stayedOld, becameNew, stayedAbsent, midWrite);
    }
  }

  private record Timeline(long stagingNanos, long announcedNanos, long endNanos) {}

  /**
   * Runs a child to its end, noting when its staging directory first appears and when it prints
   * {@code write}.
   */
  private Timeline measure(Process child, Path target) throws Exception {
    long start = System.nanoTime();
    long[] announced = {-1};
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in = reader(child)) {
                for (String line; (line = in.readLine()) != null; ) {
                  if (line.equals("write") && announced[0] < 0) {
                    announced[0] = System.nanoTime() - start;
                  }
                }
              } catch (IOException e) {
                // the child ended
              }
            });
    reader.start();
    long staging = -1;
    while (child.isAlive()) {
      if (staging < 0 && siblings(target).stream().anyMatch(n -> n.contains(".new-"))) {
        staging = System.nanoTime() - start;
      }
      Thread.onSpinWait();
    }
    long end = System.nanoTime() - start;
    reader.join();
    assertThat(child.exitValue()).isZero();
    return new Timeline(staging < 0 ? end * 9 / 10 : staging, Math.max(announced[0], 0), end);
  }

  private static void kill(Process child, long delayNanos) throws InterruptedException {
    long until = System.nanoTime() + delayNanos;
    while (System.nanoTime() < until && child.isAlive()) {
      Thread.onSpinWait();
    }
    child.destroyForcibly();
    child.waitFor();
  }

  private static void awaitLine(Process child, String expected) throws IOException {
    BufferedReader in = reader(child);
    for (String line; (line = in.readLine()) != null; ) {
      if (line.equals(expected)) {
        return;
      }
    }
  }

  private static BufferedReader reader(Process child) {
    return new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
  }

  private Process generate(Path spec, Path out) throws IOException {
    return java("dev.replichart.cli.Main", "generate", spec.toString(), "-o", out.toString());
  }

  private Process writeChart(Path source, Path target) throws IOException {
    return java(ChartWriterChild.class.getName(), source.toString(), target.toString());
  }

  private Process java(String mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .directory(tmp.toFile())
        .start();
  }

  private Map<String, String> generateInProcess(Path spec, Path out) {
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(new StringWriter()),
            new PrintWriter(err, true),
            "generate",
            spec.toString(),
            "-o",
            out.toString());
    assertThat(code).as(err.toString()).isZero();
    return TestFiles.readTree(out);
  }

  private static Map<String, String> treeOrNull(Path dir) {
    return Files.exists(dir) ? TestFiles.readTree(dir) : null;
  }

  private static List<String> siblings(Path target) throws IOException {
    try (Stream<Path> list = Files.list(target.getParent())) {
      return new ArrayList<>(list.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }
}
