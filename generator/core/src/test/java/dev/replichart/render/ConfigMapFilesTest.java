package dev.replichart.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replichart.TestFiles;
import dev.replichart.kube.HelmRender;
import dev.replichart.kube.KubeObject;
import dev.replichart.pipeline.ChartGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the pods run is what the chart's files/ holds, byte for byte: the config ConfigMap, as real
 * Helm renders it, carries every file of files/conf and files/scripts under its name, unchanged
 * (the template writes them as literal blocks, which only a file ending in exactly one newline
 * survives unchanged).
 */
class ConfigMapFilesTest {
  @TempDir Path tmp;

  static Stream<Path> examples() {
    return TestFiles.examples().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void carriesEveryFileUnchanged(Path example) throws Exception {
    RenderedChart chart = new ChartGenerator().render(example);
    Path dir = tmp.resolve(chart.name());
    ChartWriter.writeFiles(chart, dir);
    KubeObject config =
        KubeObject.parseAll(HelmRender.render(dir, List.of(), Map.of())).stream()
            .filter(o -> o.kind().equals("ConfigMap") && o.name().endsWith("-config"))
            .findFirst()
            .orElseThrow();

    List<Path> files =
        Stream.concat(
                TestFiles.list(dir.resolve("files/conf"), ".cnf").stream(),
                TestFiles.list(dir.resolve("files/scripts"), ".sh").stream())
            .toList();
    assertThat(files).hasSizeGreaterThan(5);
    for (Path file : files) {
      String name = file.getFileName().toString();
      assertThat(config.node().path("data").path(name).asText(null))
          .as("%s in the ConfigMap", name)
          .isEqualTo(Files.readString(file));
    }
  }
}
