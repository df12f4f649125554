package dev.replichart.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.replichart.TestFiles;
import dev.replichart.problem.ProblemsException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replichart package}: Helm reads the archive; the archive and index are reproducible. */
class ChartPackagerTest {
  @TempDir Path tmp;

  private static final Path CHART = TestFiles.repoRoot().resolve("chart");

  private final ChartPackager packager = new ChartPackager();

  @Test
  void helmTemplatesAndLintsThePackagedChart() throws Exception {
    ChartPackager.Packaged packaged = packager.pack(CHART, tmp.resolve("dist"), false);
    assertThat(packaged.archive()).hasFileName("sdnc-db-1.0.0.tgz");
    assertThat(packaged.outcome()).isEqualTo(ChartPackager.Outcome.ADDED);

    String manifests =
        new Helm(packaged.archive())
            .template()
            .withName("db")
            .withKubeVersion(dev.replichart.kube.HelmRender.KUBE_VERSION)
            .call();
    assertThat(manifests).contains("kind: StatefulSet").contains("name: db-sdnc-db");
    LintResult lint = new Helm(packaged.archive()).lint().strict().call();
    assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
  }

  @Test
  void theIndexListsTheArchiveWithItsSha256() throws Exception {
    ChartPackager.Packaged packaged = packager.pack(CHART, tmp.resolve("dist"), false);
    byte[] archive = Files.readAllBytes(packaged.archive());
    JsonNode index = new YAMLMapper().readTree(packaged.index().toFile());
    assertThat(index.path("apiVersion").asText()).isEqualTo("v1");
    JsonNode entry = index.path("entries").path("sdnc-db").get(0);
    assertThat(entry.path("digest").asText())
        .isEqualTo(ChartPackager.sha256(archive))
        .isEqualTo(packaged.digest())
        .matches("[0-9a-f]{64}");
    assertThat(entry.path("urls").get(0).asText()).isEqualTo("sdnc-db-1.0.0.tgz");
    assertThat(entry.path("version").asText()).isEqualTo("1.0.0");
    assertThat(entry.path("appVersion").asText()).isEqualTo("8.0.40");
    assertThat(entry.path("apiVersion").asText()).isEqualTo("v2");
    assertThat(entry.path("created").asText()).isEqualTo("1980-01-01T00:00:00Z");
    assertThat(entry.path("annotations").path("replichart.dev/content-digest").asText())
        .startsWith("sha256:");
    assertThat(index.path("generated").asText()).isEqualTo("1980-01-01T00:00:00Z");
  }

  @Test
  void packagingTwiceGivesByteIdenticalArchiveAndIndex() throws Exception {
    Path first = tmp.resolve("first");
    Path second = tmp.resolve("second");
    packager.pack(CHART, first, false);
    // a copy made later, in another order, with other times, still packages the same bytes
    Path copy = copyChart(tmp.resolve("copy"));
    try (Stream<Path> files = Files.walk(copy)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(123_456_789L));
      }
    }
    new ChartPackager().pack(copy, second, false);
    for (String name : List.of("sdnc-db-1.0.0.tgz", "index.yaml")) {
      assertThat(Files.readAllBytes(second.resolve(name)))
          .as(name)
          .isEqualTo(Files.readAllBytes(first.resolve(name)));
    }
    ChartPackager.Packaged again = packager.pack(CHART, first, false);
    assertThat(again.outcome()).isEqualTo(ChartPackager.Outcome.UNCHANGED);
    assertThat(Files.readAllBytes(first.resolve("index.yaml")))
        .isEqualTo(Files.readAllBytes(second.resolve("index.yaml")));
  }

  @Test
  void theArchiveHasHelmsLayoutAndNothingOfTheMachineOrClock() throws Exception {
    byte[] archive = Files.readAllBytes(packager.pack(CHART, tmp.resolve("dist"), false).archive());
    // gzip header: no FNAME flag, MTIME zero
    assertThat(archive[3]).isZero();
    assertThat(Arrays.copyOfRange(archive, 4, 8)).containsOnly(0);
    byte[] tar;
    try (var in = new GZIPInputStream(new ByteArrayInputStream(archive))) {
      tar = in.readAllBytes();
    }
    String firstName = new String(tar, 0, 100, StandardCharsets.UTF_8).replace("\0", "");
    assertThat(firstName).isEqualTo("sdnc-db/.helmignore");
    assertThat(new String(tar, 100, 7, StandardCharsets.US_ASCII)).isEqualTo("0000644");
    assertThat(new String(tar, 108, 7, StandardCharsets.US_ASCII)).isEqualTo("0000000");
    assertThat(Long.parseLong(new String(tar, 136, 11, StandardCharsets.US_ASCII), 8))
        .isEqualTo(ChartArchive.EPOCH.getEpochSecond());
    assertThat(new String(tar, 257, 5, StandardCharsets.US_ASCII)).isEqualTo("ustar");

    ChartArchive.Contents contents = ChartArchive.read(tmp.resolve("dist/sdnc-db-1.0.0.tgz"));
    assertThat(contents.directory()).isEqualTo("sdnc-db");
    assertThat(contents.files()).containsOnlyKeys(ChartFiles.read(CHART).keySet());
    assertThat(contents.text("Chart.yaml"))
        .isEqualTo(Files.readString(CHART.resolve("Chart.yaml"), StandardCharsets.UTF_8));
  }

  @Test
  void refusesToChangeAReleasedVersionUnlessForced() throws Exception {
    Path dist = tmp.resolve("dist");
    String released = packager.pack(CHART, dist, false).digest();
    Path changed = copyChart(tmp.resolve("changed"));
    Files.writeString(
        changed.resolve("values.yaml"),
        Files.readString(changed.resolve("values.yaml"))
            .replace("size: \"10Gi\"", "size: \"20Gi\""));

    assertThatThrownBy(() -> packager.pack(changed, dist, false))
        .isInstanceOfSatisfying(
            ProblemsException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .satisfies(
                        p -> {
                          assertThat(p.checkId()).isEqualTo(ChartPackager.RELEASED_VERSION_CHANGED);
                          assertThat(p.location().file()).endsWith("index.yaml");
                          assertThat(p.format())
                              .contains("sdnc-db 1.0.0 is already released with digest " + released)
                              .contains("bump the chart version");
                        }));
    assertThat(ChartPackager.sha256(Files.readAllBytes(dist.resolve("sdnc-db-1.0.0.tgz"))))
        .as("the released archive is untouched")
        .isEqualTo(released);

    ChartPackager.Packaged forced = packager.pack(changed, dist, true);
    assertThat(forced.outcome()).isEqualTo(ChartPackager.Outcome.REPLACED);
    JsonNode entries =
        new YAMLMapper().readTree(dist.resolve("index.yaml").toFile()).path("entries");
    assertThat(entries.path("sdnc-db")).hasSize(1);
    assertThat(entries.path("sdnc-db").get(0).path("digest").asText()).isEqualTo(forced.digest());
  }

  @Test
  void keepsOtherChartsAndVersionsNewestFirst() throws Exception {
    Path dist = tmp.resolve("dist");
    Files.createDirectories(dist);
    Files.writeString(
        dist.resolve("index.yaml"),
        """
        apiVersion: v1
        entries:
          other:
          - name: other
            version: 0.1.0
            digest: abc
            created: "2024-05-01T10:00:00Z"
            urls: [other-0.1.0.tgz]
        generated: "2024-05-01T10:00:00Z"
        """);
    for (String version : List.of("1.0.0", "1.10.0", "1.2.0", "1.10.0-rc.1")) {
      packager.pack(withVersion(version), dist, false);
    }
    JsonNode index = new YAMLMapper().readTree(dist.resolve("index.yaml").toFile());
    List<String> versions = index.path("entries").path("sdnc-db").findValuesAsText("version");
    assertThat(versions).containsExactly("1.10.0", "1.10.0-rc.1", "1.2.0", "1.0.0");
    assertThat(index.path("entries").path("other").get(0).path("digest").asText()).isEqualTo("abc");
    assertThat(index.path("generated").asText()).isEqualTo("2024-05-01T10:00:00Z");
    assertThat(dist.resolve("sdnc-db-1.10.0-rc.1.tgz")).exists();
  }

  @Test
  void leavesOutWhatHelmignoreNames() throws Exception {
    Path chart = copyChart(tmp.resolve("chart"));
    Files.writeString(chart.resolve("notes.bak"), "backup\n");
    Files.writeString(chart.resolve("templates/.hidden.yaml"), "hidden\n");
    Files.createDirectories(chart.resolve(".git"));
    Files.writeString(chart.resolve(".git/HEAD"), "ref\n");
    ChartArchive.Contents contents =
        ChartArchive.read(packager.pack(chart, tmp.resolve("dist"), false).archive());
    assertThat(contents.files())
        .doesNotContainKeys("notes.bak", "templates/.hidden.yaml", ".git/HEAD")
        .containsKeys(".helmignore", "Chart.yaml", "templates/replication/statefulset.yaml");
  }

  @Test
  void aSpecIsRenderedAndValidatedFirst() throws Exception {
    Path spec = TestFiles.repoRoot().resolve("examples/sdnc-db.yaml");
    ChartPackager.Packaged packaged = packager.pack(spec, tmp.resolve("dist"), false);
    // the committed chart is what the spec renders, so their archives are the same bytes
    byte[] fromChart = Files.readAllBytes(packager.pack(CHART, tmp.resolve("d2"), false).archive());
    assertThat(Files.readAllBytes(packaged.archive())).isEqualTo(fromChart);

    Path bad = TestFiles.repoRoot().resolve("examples/invalid/three-mistakes.yaml");
    assertThatThrownBy(() -> packager.pack(bad, tmp.resolve("d3"), false))
        .isInstanceOfSatisfying(
            ProblemsException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(3)
                    .allSatisfy(p -> assertThat(p.location().line()).isPositive()));
    assertThat(tmp.resolve("d3")).doesNotExist();
  }

  @Test
  void aBadVersionInChartYamlIsALocatedProblem() throws Exception {
    Path chart = withVersion("1.0");
    assertThatThrownBy(() -> packager.pack(chart, tmp.resolve("dist"), false))
        .isInstanceOfSatisfying(
            ProblemsException.class,
            e ->
                assertThat(e.problems().get(0).format())
                    .matches(
                        ".*Chart\\.yaml:\\d+:1: version: '1\\.0' is not a SemVer 2 version.*"));
  }

  private Path withVersion(String version) throws IOException {
    Path chart = copyChart(tmp.resolve("v-" + version));
    Path chartYaml = chart.resolve("Chart.yaml");
    Files.writeString(
        chartYaml, Files.readString(chartYaml).replace("version: 1.0.0", "version: " + version));
    return chart;
  }

  private static Path copyChart(Path target) throws IOException {
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
}
