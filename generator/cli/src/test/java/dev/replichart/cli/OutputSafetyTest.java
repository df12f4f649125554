package dev.replichart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replichart.TestFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -o} never deletes what replichart did not write, and a refusal touches nothing. */
class OutputSafetyTest {
  @TempDir Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  private Path spec() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("specs"));
    Path spec = dir.resolve("minimal.yaml");
    if (!Files.exists(spec)) {
      Files.copy(TestFiles.repoRoot().resolve("examples/minimal.yaml"), spec);
    }
    return spec;
  }

  /** Exit 1, one line naming the check, and the given directory tree exactly as before. */
  private void assertRefused(String checkId, Path untouched, String... args) throws Exception {
    Map<String, String> before = untouched == null ? null : TestFiles.readTree(untouched);
    assertThat(run(args)).as(err.toString()).isEqualTo(1);
    assertThat(err.toString().lines()).singleElement().asString().contains("[" + checkId + "]");
    assertThat(err.toString()).startsWith("replichart: ");
    if (untouched != null) {
      assertThat(TestFiles.readTree(untouched)).isEqualTo(before);
    }
  }

  @Test
  void refusesTheCurrentDirectory() throws Exception {
    assertRefused("OUTPUT-CURRENT-DIR", null, "generate", spec().toString(), "-o", ".");
  }

  @Test
  void refusesAnEmptyOutput() throws Exception {
    assertRefused("OUTPUT-EMPTY", null, "generate", spec().toString(), "-o", "");
  }

  @Test
  void refusesAnAncestorOfTheCurrentDirectory() throws Exception {
    assertRefused("OUTPUT-CURRENT-DIR", null, "generate", spec().toString(), "-o", "..");
    Path cwd = Path.of("").toAbsolutePath();
    err.getBuffer().setLength(0);
    assertRefused("OUTPUT-CURRENT-DIR", null, "generate", spec().toString(), "-o", cwd.toString());
  }

  @Test
  void refusesTheRoot() throws Exception {
    assertRefused("OUTPUT-ROOT", null, "generate", spec().toString(), "-o", "/", "--force");
  }

  @Test
  void refusesTheHomeDirectoryEvenWithForce() throws Exception {
    assertRefused(
        "OUTPUT-HOME",
        null,
        "generate",
        spec().toString(),
        "-o",
        System.getProperty("user.home"),
        "--force");
  }

  @Test
  void refusesTheSpecsDirectoryAndItsAncestors() throws Exception {
    Path spec = spec();
    assertRefused(
        "OUTPUT-CONTAINS-INPUT",
        tmp,
        "generate",
        spec.toString(),
        "-o",
        spec.getParent().toString(),
        "--force");
    err.getBuffer().setLength(0);
    assertRefused("OUTPUT-CONTAINS-INPUT", tmp, "generate", spec.toString(), "-o", tmp.toString());
  }

  @Test
  void refusesALinkToTheSpecsDirectory() throws Exception {
    Path spec = spec();
    Path link = Files.createSymbolicLink(tmp.resolve("out"), spec.getParent());
    assertRefused("OUTPUT-CONTAINS-INPUT", tmp, "generate", spec.toString(), "-o", link.toString());
    assertThat(Files.isSymbolicLink(link)).isTrue();
  }

  @Test
  void refusesADirectoryHoldingAValuesFile() throws Exception {
    Path values = Files.createDirectories(tmp.resolve("values")).resolve("dev.yaml");
    Files.writeString(values, "replicaCount: 3\n");
    assertRefused(
        "OUTPUT-CONTAINS-INPUT",
        tmp,
        "generate",
        spec().toString(),
        "-o",
        values.getParent().toString(),
        "-f",
        values.toString());
  }

  @Test
  void refusesAFile() throws Exception {
    Path file = tmp.resolve("notes.txt");
    Files.writeString(file, "mine\n");
    assertRefused(
        "OUTPUT-NOT-A-DIRECTORY", tmp, "generate", spec().toString(), "-o", file.toString());
  }

  @Test
  void refusesANonEmptyDirectoryReplichartDidNotWrite() throws Exception {
    Path mine = Files.createDirectories(tmp.resolve("mine"));
    Files.writeString(mine.resolve("notes.txt"), "mine\n");
    assertRefused("OUTPUT-NOT-A-CHART", tmp, "generate", spec().toString(), "-o", mine.toString());
    assertThat(err.toString()).contains("--force");
  }

  @Test
  void refusesAChartWithAFileReplichartDidNotWrite() throws Exception {
    Path chart = tmp.resolve("chart");
    assertThat(run("generate", spec().toString(), "-o", chart.toString())).isZero();
    Files.writeString(chart.resolve("templates/mine.yaml"), "mine\n");
    err.getBuffer().setLength(0);
    assertRefused("OUTPUT-NOT-A-CHART", tmp, "generate", spec().toString(), "-o", chart.toString());
    assertThat(err.toString()).contains("templates/mine.yaml");
  }

  @Test
  void forceReplacesANonEmptyDirectoryReplichartDidNotWrite() throws Exception {
    Path mine = Files.createDirectories(tmp.resolve("mine"));
    Files.writeString(mine.resolve("notes.txt"), "mine\n");
    int code = run("generate", spec().toString(), "-o", mine.toString(), "--force");
    assertThat(code).as(err.toString()).isZero();
    assertThat(mine.resolve("Chart.yaml")).exists();
    assertThat(mine.resolve("notes.txt")).doesNotExist();
  }

  @Test
  void regeneratesIntoAChartItWroteWithNormalPermissions() throws Exception {
    Path chart = tmp.resolve("chart");
    assertThat(run("generate", spec().toString(), "-o", chart.toString())).isZero();
    Map<String, String> first = TestFiles.readTree(chart);
    assertThat(run("generate", spec().toString(), "-o", chart.toString()))
        .as(err.toString())
        .isZero();
    assertThat(TestFiles.readTree(chart)).isEqualTo(first);
    // the umask decides, as for any file a user's tool writes; never the 0700 of a temp dir
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(chart)))
        .isEqualTo(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("specs"))));
    assertThat(Files.getPosixFilePermissions(chart.resolve("Chart.yaml")))
        .isEqualTo(Files.getPosixFilePermissions(tmp.resolve("specs/minimal.yaml")));
    try (var siblings = Files.list(tmp)) {
      assertThat(siblings.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("chart", "specs");
    }
  }

  @Test
  void aLinkedOutputStaysALinkAndItsTargetGetsTheChart() throws Exception {
    Path real = Files.createDirectories(tmp.resolve("real"));
    Path link = Files.createSymbolicLink(tmp.resolve("chart"), Path.of("real"));
    assertThat(run("generate", spec().toString(), "-o", link.toString()))
        .as(err.toString())
        .isZero();
    assertThat(run("generate", spec().toString(), "-o", link.toString()))
        .as(err.toString())
        .isZero();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("real"));
    assertThat(real.resolve("Chart.yaml")).exists();
  }

  @Test
  void aFailedRunRemovesTheParentsItCreated() throws Exception {
    Path values = tmp.resolve("bad.yaml");
    Files.writeString(values, "replicaCount: many\n");
    Path output = tmp.resolve("a/b/c");
    int code = run("generate", spec().toString(), "-o", output.toString(), "-f", values.toString());
    assertThat(code).isEqualTo(1);
    assertThat(tmp.resolve("a")).doesNotExist();
  }
}
