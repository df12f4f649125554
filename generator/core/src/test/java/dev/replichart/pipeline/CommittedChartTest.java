package dev.replichart.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replichart.TestFiles;
import dev.replichart.render.RenderedChart;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/** chart/ is never hand-edited: it must equal what examples/sdnc-db.yaml renders. */
class CommittedChartTest {

  @Test
  void chartDirectoryEqualsAFreshGenerationOfTheSdncExample() throws Exception {
    Path root = TestFiles.repoRoot();
    RenderedChart fresh = new ChartGenerator().render(root.resolve("examples/sdnc-db.yaml"));
    SortedMap<String, String> committed = TestFiles.readTree(root.resolve("chart"));
    assertThat(committed.keySet())
        .as("files of chart/ (run `make run` and commit)")
        .containsExactlyElementsOf(fresh.files().keySet());
    for (Map.Entry<String, String> file : fresh.files().entrySet()) {
      assertThat(committed.get(file.getKey()))
          .as("chart/%s differs from a fresh generation (run `make run`)", file.getKey())
          .isEqualTo(file.getValue());
    }
  }
}
