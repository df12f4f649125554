package dev.replichart.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.replichart.TestFiles;
import dev.replichart.pipeline.ChartGenerator;
import dev.replichart.render.ChartWriter;
import dev.replichart.render.RenderedChart;
import dev.replichart.sandbox.Prerequisites;
import dev.replichart.sandbox.Sandbox;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The README's own usage: {@code sandbox up} in one shell, {@code sandbox down} in another. Down
 * stops the running up first (which would otherwise keep restarting what down removes), then
 * removes everything, with no internal error.
 */
@Tag("e2e")
class SandboxDownWhileUpTest {
  private static final Path STATE = Path.of("/var/tmp/replichart-sandbox-cli");

  @Test
  void downWhileUpRunsStopsUpAndLeavesNothing() throws Exception {
    List<String> missing = Prerequisites.missing();
    if (!missing.isEmpty()) {
      if ("true".equals(System.getenv("CI"))) {
        fail("the sandbox cannot run in CI: " + missing);
      }
      Assumptions.abort("sandbox prerequisites missing (run as root after make deps): " + missing);
    }
    Path work = Files.createTempDirectory("replichart-cli-up");
    RenderedChart rendered =
        new ChartGenerator().render(TestFiles.repoRoot().resolve("examples/mariadb.yaml"));
    Path chart = work.resolve(rendered.name());
    ChartWriter.writeFiles(rendered, chart);
    Path upLog = work.resolve("up.log");
    Path values = work.resolve("sandbox.yaml");
    Files.writeString(values, "replication:\n  bootstrapGraceSeconds: 5\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process up =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "sandbox",
                "--state",
                STATE.toString(),
                "up",
                chart.toString(),
                "-f",
                values.toString(),
                "--replicas",
                "2")
            .redirectErrorStream(true)
            .redirectOutput(upLog.toFile())
            .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (!runningStatus() && System.nanoTime() < deadline) {
        assertThat(up.isAlive()).as(read(upLog)).isTrue();
        Thread.sleep(500);
      }
      assertThat(runningStatus()).as("sandbox up serving; its log:\n%s", read(upLog)).isTrue();

      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code =
          Main.run(
              new PrintWriter(out, true),
              new PrintWriter(err, true),
              "sandbox",
              "--state",
              STATE.toString(),
              "down");
      assertThat(code).as(err.toString()).isZero();
      assertThat(out + err.toString()).doesNotContain("internal error");
      assertThat(up.waitFor(30, TimeUnit.SECONDS)).as("up exited").isTrue();
      assertThat(STATE).doesNotExist();
      assertThat(
              new String(
                  new ProcessBuilder("ip", "netns", "list").start().getInputStream().readAllBytes(),
                  StandardCharsets.UTF_8))
          .doesNotContain(Sandbox.PREFIX);
    } finally {
      up.destroyForcibly();
      Sandbox.down(STATE);
      dev.replichart.Directories.deleteTree(work);
    }
  }

  /** Whether {@code sandbox status} answers and shows the pod running. */
  private static boolean runningStatus() {
    StringWriter out = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out, true),
            new PrintWriter(new StringWriter(), true),
            "sandbox",
            "--state",
            STATE.toString(),
            "status");
    return code == 0 && out.toString().contains("Running");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      return "(no log)";
    }
  }
}
