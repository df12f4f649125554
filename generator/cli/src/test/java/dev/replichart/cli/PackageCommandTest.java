package dev.replichart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replichart.TestFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replichart package}: archive and index, reproducible, a released version kept. */
class PackageCommandTest {
  @TempDir Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Path root = TestFiles.repoRoot();

  private int run(String... args) {
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void packagesTheChartAndPackagingAgainChangesNothing() throws Exception {
    Path dist = tmp.resolve("dist");
    assertThat(run("package", root.resolve("chart").toString(), "-d", dist.toString()))
        .as(err.toString())
        .isZero();
    assertThat(out.toString())
        .contains("Packaged sdnc-db 1.0.0 as " + dist.resolve("sdnc-db-1.0.0.tgz"));
    byte[] archive = Files.readAllBytes(dist.resolve("sdnc-db-1.0.0.tgz"));
    byte[] index = Files.readAllBytes(dist.resolve("index.yaml"));

    out.getBuffer().setLength(0);
    assertThat(
            run("package", root.resolve("examples/sdnc-db.yaml").toString(), "-d", dist.toString()))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("Already packaged, unchanged:");
    assertThat(Files.readAllBytes(dist.resolve("sdnc-db-1.0.0.tgz"))).isEqualTo(archive);
    assertThat(Files.readAllBytes(dist.resolve("index.yaml"))).isEqualTo(index);
  }

  @Test
  void aChangedChartUnderAReleasedVersionIsRefusedWithExitOne() throws Exception {
    Path dist = tmp.resolve("dist");
    assertThat(run("package", root.resolve("chart").toString(), "-d", dist.toString())).isZero();
    Path spec = tmp.resolve("sdnc-db.yaml");
    Files.writeString(
        spec,
        Files.readString(root.resolve("examples/sdnc-db.yaml"))
            .replace("    size: 10Gi", "    size: 20Gi"));
    assertThat(run("package", spec.toString(), "-d", dist.toString())).isEqualTo(1);
    assertThat(err.toString())
        .contains(
            dist.resolve("index.yaml") + ": entries.sdnc-db: sdnc-db 1.0.0 is already released")
        .contains("[PACKAGE-VERSION-CHANGED]")
        .contains("nothing was written to " + dist);
    assertThat(run("package", spec.toString(), "-d", dist.toString(), "--force")).isZero();
    assertThat(out.toString()).contains("Replaced (--force) sdnc-db 1.0.0");
  }

  @Test
  void aBadSpecGivesLocatedProblemsWithExitOne() {
    Path bad = root.resolve("examples/invalid/three-mistakes.yaml");
    int code = run("package", bad.toString(), "-d", tmp.resolve("dist").toString());
    assertThat(code).isEqualTo(1);
    assertThat(
            err.toString().lines().filter(l -> l.matches(".*three-mistakes\\.yaml:\\d+:\\d+: .*")))
        .hasSize(3);
    assertThat(tmp.resolve("dist")).doesNotExist();
  }

  @Test
  void aMissingChartIsAUsageErrorWithExitTwo() {
    assertThat(run("package", tmp.resolve("nope").toString(), "-d", tmp.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("no such file or directory");
  }
}
