package dev.replichart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replichart.TestFiles;
import dev.replichart.pipeline.ChartGenerator;
import dev.replichart.render.ChartWriter;
import dev.replichart.render.RenderedChart;
import dev.replichart.sandbox.Sandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox commands' contract when no sandbox runs (the running case is the e2e suite). */
class SandboxCommandTest {
  @TempDir Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void statusWithoutASandboxSaysHowToStartOneWithExitTwo() {
    assertThat(run("sandbox", "status", "--state", tmp.resolve("none").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("no sandbox is running").contains("sandbox up");
  }

  @Test
  void downIsSafeWhenNothingRunsAndSafeTwice() throws IOException {
    // `down` removes every sandbox namespace and link on the machine, whatever the state
    // directory: run now, it would tear down a sandbox that is running here (an e2e run).
    Assumptions.assumeFalse(aSandboxRunsHere(), "a sandbox is running on this machine");
    String state = tmp.resolve("state").toString();
    assertThat(run("sandbox", "down", "--state", state)).isZero();
    assertThat(run("sandbox", "down", "--state", state)).isZero();
    assertThat(tmp.resolve("state")).doesNotExist();
  }

  /** Whether a network namespace of a sandbox exists ({@code ip netns add} makes the file). */
  private static boolean aSandboxRunsHere() throws IOException {
    Path netns = Path.of("/run/netns");
    if (!Files.isDirectory(netns)) {
      return false;
    }
    try (Stream<Path> names = Files.list(netns)) {
      return names.anyMatch(p -> p.getFileName().toString().startsWith(Sandbox.PREFIX));
    }
  }

  private Path mariadbChart() throws Exception {
    RenderedChart rendered =
        new ChartGenerator().render(TestFiles.repoRoot().resolve("examples/mariadb.yaml"));
    Path chart = tmp.resolve("chart");
    ChartWriter.writeFiles(rendered, chart);
    return chart;
  }

  /**
   * The input is checked before anything runs or is removed (so these tests cannot touch a sandbox
   * running on this machine): a replica count the chart's schema refuses is one located line and
   * exit 1, not Helm's exception.
   */
  @Test
  void upWithAReplicaCountTheSchemaRefusesIsOneLocatedProblem() throws Exception {
    Path chart = mariadbChart();
    Path state = tmp.resolve("state");
    int code =
        run("sandbox", "up", chart.toString(), "--replicas", "1", "--state", state.toString());
    assertThat(code).as(err.toString()).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo(
            "--replicas 1: .replicaCount: must have a minimum value of 2 (see"
                + " values.schema.json) [VALUES-SCHEMA]\n1 problem found\n");
    assertThat(state).doesNotExist();
  }

  @Test
  void upWithAValuesFileTheSchemaRefusesPointsAtTheLine() throws Exception {
    Path chart = mariadbChart();
    Path values = tmp.resolve("bad.yaml");
    Files.writeString(values, "replicaCount: 3\nreplication:\n  maxLagSecond: 5\n");
    Path state = tmp.resolve("state");
    int code =
        run(
            "sandbox",
            "up",
            chart.toString(),
            "-f",
            values.toString(),
            "--state",
            state.toString());
    assertThat(code).as(err.toString()).isEqualTo(1);
    assertThat(err.toString())
        .startsWith(
            values
                + ":3:17: .replication.maxLagSecond: unknown key 'maxLagSecond' (did you mean"
                + " 'maxLagSeconds'?)")
        .contains("[VALUES-SCHEMA]")
        .endsWith("1 problem found\n");
    assertThat(state).doesNotExist();
  }

  @Test
  void everySandboxCommandHasHelp() {
    for (String command :
        new String[] {
          "up",
          "down",
          "status",
          "logs",
          "sql",
          "scale",
          "job",
          "write",
          "kill",
          "restart",
          "wipe",
          "partition",
          "heal"
        }) {
      assertThat(run("sandbox", command, "--help")).as(command).isZero();
    }
    assertThat(out.toString()).contains("Usage: replichart sandbox up");
  }
}
