package dev.replichart.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replichart.Directories;
import dev.replichart.TestFiles;
import dev.replichart.pipeline.ChartGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example renders to exactly the files under {@code src/test/resources/golden/NAME/}, whole
 * files compared. {@code -Dgolden.update=true} rewrites them; the diff is then reviewed in the
 * commit.
 */
class GoldenFilesTest {
  private static final Path GOLDEN =
      TestFiles.repoRoot().resolve("generator/core/src/test/resources/golden");

  static Stream<Path> examples() {
    return TestFiles.examples().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void rendersExactlyTheGoldenFiles(Path example) throws Exception {
    RenderedChart chart = new ChartGenerator().render(example);
    Path dir = GOLDEN.resolve(TestFiles.baseName(example));
    if (Boolean.getBoolean("golden.update")) {
      Directories.deleteTree(dir);
      ChartWriter.writeFiles(chart, dir);
    }
    assertThat(dir).as("golden files of %s (run with -Dgolden.update=true)", example).isDirectory();
    SortedMap<String, String> golden = TestFiles.readTree(dir);
    assertThat(chart.files().keySet()).containsExactlyElementsOf(golden.keySet());
    for (Map.Entry<String, String> file : chart.files().entrySet()) {
      assertThat(file.getValue())
          .as("%s of %s", file.getKey(), example.getFileName())
          .isEqualTo(golden.get(file.getKey()));
    }
    assertThat(Files.readString(dir.resolve("Chart.yaml"), StandardCharsets.UTF_8))
        .contains("version: " + chart.version());
  }

  /**
   * One generator renders every example again and again as a new one renders it once: its template
   * engine keeps each parsed template (TemplateEngine#tree) and its global context across renders,
   * and neither may carry anything from one render into the next.
   */
  @Test
  void aGeneratorThatRenderedEveryExampleRendersEachAsANewOneDoes() throws Exception {
    List<Path> examples = TestFiles.examples();
    List<Path> backwards = new ArrayList<>(examples);
    Collections.reverse(backwards);
    List<Path> twice = new ArrayList<>(examples);
    twice.addAll(backwards);
    ChartGenerator shared = new ChartGenerator();
    for (Path example : twice) {
      assertThat(shared.render(example).files())
          .as("%s rendered by a generator that rendered others", example.getFileName())
          .isEqualTo(new ChartGenerator().render(example).files());
    }
  }
}
