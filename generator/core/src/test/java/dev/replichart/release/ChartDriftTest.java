package dev.replichart.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replichart.problem.Problem;
import dev.replichart.render.ChartWriter;
import dev.replichart.render.RenderedChart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartDriftTest {
  private final RenderedChart chart = Charts.chart("db", "1.0.0", "sha256:00", "replicas: 3\n");

  @Test
  void aDirectoryWithExactlyTheRenderedBytesIsUpToDate(@TempDir Path dir) throws IOException {
    ChartWriter.writeFiles(chart, dir);

    assertThat(ChartDrift.compare(chart, dir).upToDate()).isTrue();
  }

  @Test
  void namesEachDifferingMissingAndExtraFile(@TempDir Path dir) throws IOException {
    ChartWriter.writeFiles(chart, dir);
    Files.writeString(dir.resolve("values.yaml"), "replicas: 5\n");
    Files.delete(dir.resolve("templates/service.yaml"));
    Files.writeString(dir.resolve("notes.txt"), "hand-written\n");

    ChartDrift drift = ChartDrift.compare(chart, dir);

    assertThat(drift.upToDate()).isFalse();
    assertThat(drift.problems("db.yaml", "mvn replichart:generate"))
        .extracting(Problem::format)
        .containsExactly(
            dir.resolve("values.yaml")
                + ": differs from what db.yaml renders (run mvn replichart:generate and commit the"
                + " result)",
            dir.resolve("templates/service.yaml")
                + ": is missing; db.yaml renders it (run mvn replichart:generate and commit the"
                + " result)",
            dir.resolve("notes.txt")
                + ": is not part of the chart db.yaml renders (remove it, or run mvn"
                + " replichart:generate and commit the result (the chart directory is generated,"
                + " never edited))");
  }

  @Test
  void aMissingDirectoryIsOneProblem(@TempDir Path dir) throws IOException {
    ChartDrift drift = ChartDrift.compare(chart, dir.resolve("absent"));

    assertThat(drift.upToDate()).isFalse();
    assertThat(drift.problems("db.yaml", "regenerate"))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("does not exist"));
  }
}
