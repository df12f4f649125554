package dev.replichart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replichart.TestFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replichart diff}: the report, the upgrade check's exit code, located input problems. */
class DiffCommandTest {
  @TempDir Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Path root = TestFiles.repoRoot();

  private int run(String... args) {
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void identicalChartsHaveNoDifferencesAndExitZero() {
    String chart = root.resolve("chart").toString();
    int code = run("diff", chart, root.resolve("examples/sdnc-db.yaml").toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("No differences (25 objects)")
        .contains("Upgrade check: no change that helm upgrade would have rejected");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void aLargerStorageSizeInTheSpecIsAnUpgradeBreakingChangeWithExitOne() throws Exception {
    Path spec = tmp.resolve("sdnc-db.yaml");
    Files.writeString(
        spec,
        Files.readString(root.resolve("examples/sdnc-db.yaml"))
            .replace("    size: 10Gi", "    size: 20Gi"));
    int code = run("diff", root.resolve("chart").toString(), spec.toString());
    assertThat(code).as(err.toString()).isEqualTo(1);
    assertThat(out.toString())
        .contains("~ values.yaml")
        .contains("persistence.size: 10Gi → 20Gi")
        .contains("~ StatefulSet db-sdnc-db (apps/v1)")
        .contains(
            "spec.volumeClaimTemplates[name=data].spec.resources.requests.storage: 10Gi → 20Gi");
    assertThat(err.toString().lines())
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith(spec + "!/templates/replication/statefulset.yaml:")
                    .contains(
                        "StatefulSet/db-sdnc-db: spec.volumeClaimTemplates[name=data].spec"
                            + ".resources.requests.storage: 10Gi → 20Gi")
                    .contains("--cascade=orphan")
                    .endsWith("[UPGRADE-STATEFULSET-SPEC]"))
        .contains("1 problem found");
  }

  @Test
  void aLargerPersistenceSizeInAValuesFileOfTheNewChartIsCaughtToo() throws Exception {
    Path values = tmp.resolve("bigger.yaml");
    Files.writeString(values, "persistence:\n  size: 20Gi\n");
    // the same chart with other values: nothing differs; the values are what an upgrade changes
    assertThat(
            run(
                "diff",
                root.resolve("chart").toString(),
                root.resolve("chart").toString(),
                "-f",
                values.toString()))
        .isZero();
  }

  @Test
  void aBadSpecGivesLocatedProblemsAndExitTwo() {
    Path bad = root.resolve("examples/invalid/three-mistakes.yaml");
    int code = run("diff", root.resolve("chart").toString(), bad.toString());
    assertThat(code).isEqualTo(2);
    assertThat(
            err.toString().lines().filter(l -> l.matches(".*three-mistakes\\.yaml:\\d+:\\d+: .*")))
        .hasSize(3);
    assertThat(err.toString()).contains("3 problems found").doesNotContain("Exception");
  }

  @Test
  void missingInputsAreReportedTogetherWithExitTwo() {
    int code = run("diff", tmp.resolve("a").toString(), tmp.resolve("b.tgz").toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains(tmp.resolve("a") + ": no such file or directory")
        .contains(tmp.resolve("b.tgz") + ": no such file or directory")
        .contains("2 problems found");
  }

  @Test
  void jsonPrintsTheUpgradeProblems() throws Exception {
    Path changed = tmp.resolve("spec.yaml");
    Files.writeString(
        changed,
        Files.readString(root.resolve("examples/sdnc-db.yaml"))
            .replace("    size: 10Gi", "    size: 20Gi"));
    int code =
        run("diff", root.resolve("chart").toString(), changed.toString(), "--format", "json");
    assertThat(code).isEqualTo(1);
    assertThat(out.toString())
        .contains("\"check\" : \"UPGRADE-STATEFULSET-SPEC\"")
        .contains("\"object\" : \"StatefulSet/db-sdnc-db\"");
  }
}
