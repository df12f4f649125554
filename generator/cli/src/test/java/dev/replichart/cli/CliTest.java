package dev.replichart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replichart.TestFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's contract: exit codes, located messages, nothing half-written. */
class CliTest {
  @TempDir Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  private static String example(String name) {
    return TestFiles.repoRoot().resolve("examples").resolve(name).toString();
  }

  @Test
  void generatesAChartAndSummarisesIt() {
    Path output = tmp.resolve("chart");
    int code =
        run(
            "generate",
            example("sdnc-db.yaml"),
            "-o",
            output.toString(),
            "-f",
            TestFiles.repoRoot().resolve("values/prod.yaml").toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("Wrote chart sdnc-db 1.0.0 to " + output)
        .contains("helm lint --strict and template")
        .contains("1 values file(s)")
        .contains("OpenAPI 1.27, policy: no problems")
        .contains("StatefulSet")
        .contains("containers: init-mysql, clone-mysql, mysqld, sidecar")
        .contains("CronJob");
    assertThat(output.resolve("Chart.yaml")).exists();
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void reportsThreeLocatedMistakesWithExitOneAndLeavesTheOutputUntouched() throws Exception {
    Path output = tmp.resolve("chart");
    Files.createDirectories(output);
    Files.writeString(output.resolve("keep.txt"), "previous chart\n");
    int code = run("generate", example("invalid/three-mistakes.yaml"), "-o", output.toString());
    assertThat(code).isEqualTo(1);
    assertThat(
            err.toString().lines().filter(l -> l.matches(".*three-mistakes\\.yaml:\\d+:\\d+: .*")))
        .hasSize(3)
        .anySatisfy(l -> assertThat(l).contains(":7:3: spec.replica: unknown key"))
        .anySatisfy(l -> assertThat(l).contains(":10:14: spec.engine.version: expected a string"))
        .anySatisfy(l -> assertThat(l).contains(":12:11: spec.clone.port: must be between"));
    assertThat(err.toString()).contains("3 problems found").doesNotContain("Exception");
    assertThat(TestFiles.readTree(output)).containsOnly(Map.entry("keep.txt", "previous chart\n"));
  }

  @Test
  void aValuesFileTheSchemaRejectsIsAProblemAndWritesNothing() throws Exception {
    Path values = tmp.resolve("bad.yaml");
    Files.writeString(values, "replicaCount: many\n");
    Path output = tmp.resolve("chart");
    int code =
        run("generate", example("sdnc-db.yaml"), "-o", output.toString(), "-f", values.toString());
    assertThat(code).isEqualTo(1);
    assertThat(err.toString())
        .contains(values + ":1:15: .replicaCount: string found, integer expected");
    assertThat(output).doesNotExist();
  }

  @Test
  void printsProblemsAsJsonWhenAsked() {
    int code =
        run(
            "generate",
            example("invalid/three-mistakes.yaml"),
            "-o",
            tmp.resolve("c").toString(),
            "--format",
            "json");
    assertThat(code).isEqualTo(1);
    assertThat(out.toString())
        .contains("\"problems\"")
        .contains("\"check\" : \"SPEC-UNKNOWN-KEY\"")
        .contains("\"line\" : 7");
  }

  @Test
  void aMissingSpecIsAnIoErrorWithExitTwo() {
    assertThat(run("generate", tmp.resolve("nope.yaml").toString(), "-o", "x")).isEqualTo(2);
    assertThat(err.toString()).contains("nope.yaml: no such file");
  }

  @Test
  void aMissingValuesFileIsAnIoErrorWithExitTwo() {
    int code =
        run(
            "generate",
            example("minimal.yaml"),
            "-o",
            tmp.resolve("c").toString(),
            "-f",
            "no.yaml");
    assertThat(code).isEqualTo(2);
  }

  @Test
  void aMissingOptionIsAUsageErrorWithExitTwo() {
    assertThat(run("generate", example("minimal.yaml"))).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required option: '--output=DIR'");
  }

  @Test
  void anUnknownCommandIsAUsageErrorWithExitTwo() {
    assertThat(run("frobnicate")).isEqualTo(2);
  }

  @Test
  void noCommandPrintsUsageWithExitTwo() {
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString()).contains("Usage: replichart");
  }

  @Test
  void printsItsVersion() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("replichart ");
  }

  @Test
  void everyCommandHasHelp() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("generate").contains("Exit codes:");
    assertThat(run("generate", "--help")).isZero();
    assertThat(out.toString()).contains("--values").contains("--output");
  }
}
