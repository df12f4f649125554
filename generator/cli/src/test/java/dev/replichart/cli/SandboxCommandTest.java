package dev.replichart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
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
  void downIsSafeWhenNothingRunsAndSafeTwice() {
    String state = tmp.resolve("state").toString();
    assertThat(run("sandbox", "down", "--state", state)).isZero();
    assertThat(run("sandbox", "down", "--state", state)).isZero();
    assertThat(tmp.resolve("state")).doesNotExist();
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
