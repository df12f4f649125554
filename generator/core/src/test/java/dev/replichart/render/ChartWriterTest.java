package dev.replichart.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.replichart.TestFiles;
import dev.replichart.problem.Location;
import dev.replichart.problem.Problem;
import dev.replichart.problem.ProblemsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartWriterTest {
  @TempDir Path tmp;

  private static RenderedChart chart(String... pathsAndContents) {
    Map<String, String> files = new TreeMap<>();
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      files.put(pathsAndContents[i], pathsAndContents[i + 1]);
    }
    return new RenderedChart("c", "1.0.0", new TreeMap<>(files));
  }

  @Test
  void replacesTheTargetWholeWhenTheCheckPasses() throws Exception {
    Path target = tmp.resolve("chart");
    Files.createDirectories(target.resolve("templates"));
    Files.writeString(target.resolve("templates/stale.yaml"), "old");
    ChartWriter.write(
        chart("Chart.yaml", "new\n", "templates/a.yaml", "a\n"), target, d -> List.of());
    assertThat(TestFiles.readTree(target))
        .containsOnlyKeys("Chart.yaml", "templates/a.yaml")
        .containsEntry("Chart.yaml", "new\n");
    assertNoStagingLeft();
  }

  @Test
  void leavesTheTargetUntouchedWhenTheCheckFindsProblems() throws Exception {
    Path target = tmp.resolve("chart");
    Files.createDirectories(target);
    Files.writeString(target.resolve("Chart.yaml"), "old\n");
    Problem problem = new Problem(Location.ofFile("x"), "", "bad", "", "TEST");
    assertThatThrownBy(
            () -> ChartWriter.write(chart("Chart.yaml", "new\n"), target, d -> List.of(problem)))
        .isInstanceOf(ProblemsException.class);
    assertThat(TestFiles.readTree(target)).containsOnly(Map.entry("Chart.yaml", "old\n"));
    assertNoStagingLeft();
  }

  @Test
  void reportsProblemsAgainstTheTargetPathNotTheStagingDirectory() throws Exception {
    Path target = tmp.resolve("chart");
    ProblemsException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ProblemsException.class,
            () ->
                ChartWriter.write(
                    chart("Chart.yaml", "x\n"),
                    target,
                    d ->
                        List.of(
                            new Problem(
                                Location.ofFile(d.resolve("Chart.yaml").toString()),
                                "",
                                "in " + d,
                                "",
                                "TEST"))));
    assertThat(e.problems().get(0).location().file())
        .isEqualTo(target.toAbsolutePath().resolve("Chart.yaml").toString());
    assertThat(e.problems().get(0).message()).isEqualTo("in " + target.toAbsolutePath());
    assertThat(target).doesNotExist();
  }

  @Test
  void refusesToWriteOutsideTheChart() {
    assertThatThrownBy(
            () -> ChartWriter.write(chart("../evil", "x"), tmp.resolve("chart"), d -> List.of()))
        .hasMessageContaining("outside the chart");
  }

  @Test
  void removesWhatDeadWritersLeftAndRestoresAChartCaughtBetweenTwoRenames() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    long dead = gone.pid();
    Path stale = Files.createDirectories(tmp.resolve(".chart.new-" + dead + "-1"));
    Files.writeString(stale.resolve("half.yaml"), "x");
    Path old = Files.createDirectories(tmp.resolve(".chart.old-" + dead + "-2"));
    Files.writeString(old.resolve("Chart.yaml"), "previous\n");
    Path target = tmp.resolve("chart");
    Problem problem = new Problem(Location.ofFile("x"), "", "bad", "", "TEST");
    assertThatThrownBy(
            () -> ChartWriter.write(chart("Chart.yaml", "new\n"), target, d -> List.of(problem)))
        .isInstanceOf(ProblemsException.class);
    assertThat(TestFiles.readTree(target)).containsOnly(Map.entry("Chart.yaml", "previous\n"));
    assertNoStagingLeft();
  }

  @Test
  void writesThroughALinkAndKeepsIt() throws Exception {
    Path real = Files.createDirectories(tmp.resolve("real"));
    Path link = Files.createSymbolicLink(tmp.resolve("chart"), real);
    ChartWriter.write(chart("Chart.yaml", "one\n"), link, d -> List.of());
    ChartWriter.write(chart("Chart.yaml", "two\n"), link, d -> List.of());
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(TestFiles.readTree(real)).containsOnly(Map.entry("Chart.yaml", "two\n"));
  }

  private void assertNoStagingLeft() throws Exception {
    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("chart");
    }
  }
}
