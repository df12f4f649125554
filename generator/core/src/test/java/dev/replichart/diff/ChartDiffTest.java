package dev.replichart.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.replichart.TestFiles;
import dev.replichart.pack.ChartPackager;
import dev.replichart.problem.Problem;
import dev.replichart.problem.ProblemsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replichart diff}: object-level differences and the upgrade check, with real Helm. */
class ChartDiffTest {
  @TempDir Path tmp;

  private static final Path ROOT = TestFiles.repoRoot();
  private static final Path CHART = ROOT.resolve("chart");
  private static final String VCT_STORAGE =
      "spec.volumeClaimTemplates[name=data].spec.resources.requests.storage";

  @Test
  void theSameChartHasNoDifferences() throws Exception {
    DiffReport report = ChartDiff.compare(ChartSource.of(CHART), ChartSource.of(CHART), List.of());
    assertThat(report.isEmpty()).isTrue();
    assertThat(report.upgradeBreaking()).isEmpty();
    assertThat(report.format())
        .contains("No differences (")
        .contains("Upgrade check: no change that helm upgrade would have rejected");
  }

  @Test
  void theSpecRendersWhatIsCommittedAndSoDoesItsPackage() throws Exception {
    ChartSource spec = ChartSource.of(ROOT.resolve("examples/sdnc-db.yaml"));
    assertThat(spec).isInstanceOf(ChartSource.Spec.class);
    Path archive = new ChartPackager().pack(CHART, tmp.resolve("dist"), false).archive();
    ChartSource packaged = ChartSource.of(archive);
    assertThat(packaged).isInstanceOf(ChartSource.Archive.class);

    assertThat(ChartDiff.compare(spec, ChartSource.of(CHART), List.of()).isEmpty()).isTrue();
    assertThat(ChartDiff.compare(packaged, spec, List.of()).isEmpty()).isTrue();
  }

  @Test
  void aLargerPersistenceSizeInValuesBreaksTheUpgradeAtTheVolumeClaimTemplate() throws Exception {
    Path changed = copyChart("bigger");
    replace(changed.resolve("values.yaml"), "size: \"10Gi\"", "size: \"20Gi\"");

    DiffReport report =
        ChartDiff.compare(ChartSource.of(CHART), ChartSource.of(changed), List.of());

    assertThat(report.files())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.path()).isEqualTo("values.yaml");
              assertThat(f.fields())
                  .containsExactly(new FieldChange("persistence.size", "10Gi", "20Gi"));
            });
    assertThat(report.changed())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.key())
                  .isEqualTo(new ObjectKey("apps/v1", "StatefulSet", "", "db-sdnc-db"));
              assertThat(o.fields()).contains(new FieldChange(VCT_STORAGE, "10Gi", "20Gi"));
            });
    Problem problem = report.upgradeBreaking().get(0);
    assertThat(report.upgradeBreaking()).hasSize(1);
    assertThat(problem.checkId()).isEqualTo("UPGRADE-STATEFULSET-SPEC");
    assertThat(problem.object()).isEqualTo("StatefulSet/db-sdnc-db");
    assertThat(problem.path()).isEqualTo(VCT_STORAGE);
    assertThat(problem.location().file())
        .isEqualTo(changed.resolve("templates/replication/statefulset.yaml").toString());
    assertThat(problem.location().line()).isPositive();
    assertThat(problem.format())
        .contains("10Gi → 20Gi")
        .contains("updates to statefulset spec for fields other than 'replicas'")
        .contains("--cascade=orphan")
        .contains("resize the existing PVCs");
  }

  @Test
  void aLargerStorageSizeInTheSpecBreaksTheUpgradeToo() throws Exception {
    Path spec = tmp.resolve("sdnc-db.yaml");
    Files.writeString(
        spec,
        Files.readString(ROOT.resolve("examples/sdnc-db.yaml"))
            .replace("    size: 10Gi", "    size: 20Gi"));
    DiffReport report = ChartDiff.compare(ChartSource.of(CHART), ChartSource.of(spec), List.of());
    assertThat(report.upgradeBreaking()).extracting(Problem::path).containsExactly(VCT_STORAGE);
    assertThat(report.upgradeBreaking().get(0).location().file())
        .isEqualTo(spec + "!/templates/replication/statefulset.yaml");
  }

  @Test
  void anImageChangeIsReportedByContainerNameAndUpgradesFine() throws Exception {
    Path changed = copyChart("image");
    replace(changed.resolve("values.yaml"), "tag: \"8.0.40\"", "tag: \"8.0.41\"");
    DiffReport report =
        ChartDiff.compare(ChartSource.of(CHART), ChartSource.of(changed), List.of());
    assertThat(report.upgradeBreaking()).isEmpty();
    assertThat(report.changed())
        .flatExtracting(ObjectChange::fields)
        .contains(
            new FieldChange(
                "spec.template.spec.containers[name=mysqld].image", "mysql:8.0.40", "mysql:8.0.41"),
            new FieldChange(
                "spec.template.spec.initContainers[name=init-mysql].image",
                "mysql:8.0.40",
                "mysql:8.0.41"));
    assertThat(report.format())
        .contains("containers[name=mysqld].image: mysql:8.0.40 → mysql:8.0.41");
  }

  @Test
  void aValuesFileRendersBothChartsAndAStorageClassChangeBreaksTheUpgrade() throws Exception {
    Path values = tmp.resolve("delete.yaml");
    Files.writeString(values, "persistence:\n  reclaimPolicy: Delete\n");
    DiffReport same =
        ChartDiff.compare(ChartSource.of(CHART), ChartSource.of(CHART), List.of(values));
    assertThat(same.isEmpty()).isTrue();

    Path changed = copyChart("reclaim");
    replace(
        changed.resolve("values.yaml"), "reclaimPolicy: \"Retain\"", "reclaimPolicy: \"Delete\"");
    DiffReport report =
        ChartDiff.compare(ChartSource.of(CHART), ChartSource.of(changed), List.of());
    assertThat(report.upgradeBreaking())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.checkId()).isEqualTo("UPGRADE-STORAGECLASS");
              assertThat(p.path()).isEqualTo("reclaimPolicy");
              assertThat(p.message())
                  .contains("Retain → Delete")
                  .contains("updates to reclaimPolicy are forbidden");
            });
  }

  @Test
  void theReportIsTheSameEveryTime() throws Exception {
    Path changed = copyChart("again");
    replace(changed.resolve("values.yaml"), "size: \"10Gi\"", "size: \"20Gi\"");
    replace(changed.resolve("Chart.yaml"), "version: 1.0.0", "version: 1.1.0");
    String first =
        ChartDiff.compare(ChartSource.of(CHART), ChartSource.of(changed), List.of()).format();
    String second =
        ChartDiff.compare(ChartSource.of(CHART), ChartSource.of(changed), List.of()).format();
    assertThat(second).isEqualTo(first);
    assertThat(first)
        .contains("~ Chart.yaml")
        .contains("version: 1.0.0 → 1.1.0")
        .contains("Upgrade check: 1 change that helm upgrade would have rejected");
  }

  @Test
  void aBadSpecGivesItsLocatedProblems() {
    Path bad = ROOT.resolve("examples/invalid/three-mistakes.yaml");
    assertThatThrownBy(
            () -> ChartDiff.compare(ChartSource.of(CHART), ChartSource.of(bad), List.of()))
        .isInstanceOfSatisfying(
            ProblemsException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(3)
                    .allSatisfy(
                        p -> {
                          assertThat(p.location().file()).isEqualTo(bad.toString());
                          assertThat(p.location().line()).isPositive();
                        }));
  }

  @Test
  void aValuesFileTheSchemaRejectsIsAProblemAtThatFile() throws Exception {
    Path values = tmp.resolve("bad.yaml");
    Files.writeString(values, "replicaCount: many\n");
    assertThatThrownBy(
            () -> ChartDiff.compare(ChartSource.of(CHART), ChartSource.of(CHART), List.of(values)))
        .isInstanceOfSatisfying(
            ProblemsException.class,
            e ->
                assertThat(e.problems())
                    .isNotEmpty()
                    .allSatisfy(p -> assertThat(p.location().file()).isEqualTo(values.toString())));
  }

  @Test
  void whatIsNeitherChartNorSpecIsAProblem() throws Exception {
    Path text = tmp.resolve("notes.yaml");
    Files.writeString(text, "kind: ConfigMap\n");
    assertThatThrownBy(() -> ChartSource.of(text))
        .isInstanceOfSatisfying(
            ProblemsException.class,
            e -> assertThat(e.problems().get(0).format()).contains("notes.yaml: neither"));
    assertThatThrownBy(() -> ChartSource.of(tmp.resolve("missing")))
        .hasMessageContaining("1 problem");
    Path fake = tmp.resolve("fake.tgz");
    Files.writeString(fake, "not gzip");
    assertThatThrownBy(
            () -> ChartDiff.compare(ChartSource.of(fake), ChartSource.of(CHART), List.of()))
        .isInstanceOfSatisfying(
            ProblemsException.class,
            e -> assertThat(e.problems().get(0).message()).contains("not a gzip-compressed tar"));
  }

  private Path copyChart(String name) throws IOException {
    Path target = tmp.resolve(name);
    try (Stream<Path> files = Files.walk(CHART)) {
      for (Path f : files.sorted().toList()) {
        Path to = target.resolve(CHART.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to);
        }
      }
    }
    return target;
  }

  private static void replace(Path file, String from, String to) throws IOException {
    String text = Files.readString(file);
    assertThat(text).contains(from);
    Files.writeString(file, text.replace(from, to));
  }
}
