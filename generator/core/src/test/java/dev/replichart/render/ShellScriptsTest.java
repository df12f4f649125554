package dev.replichart.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replichart.TestFiles;
import dev.replichart.pipeline.ChartGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every script the chart ships passes shellcheck as POSIX sh, starts with {@code set -eu} (or is
 * the sourced library), and logs through the timestamped {@code log}. shellcheck is required: a
 * machine without it fails this test rather than skipping it.
 */
class ShellScriptsTest {
  @TempDir Path tmp;

  static Stream<Path> examples() {
    return TestFiles.examples().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void passesShellcheckAsPosixSh(Path example) throws Exception {
    RenderedChart chart = new ChartGenerator().render(example);
    Path dir = tmp.resolve(chart.name());
    ChartWriter.writeFiles(chart, dir);
    Path scripts = dir.resolve("files/scripts");
    List<String> command =
        new ArrayList<>(
            List.of("shellcheck", "--shell=sh", "--external-sources", "-P", scripts.toString()));
    List<Path> files = TestFiles.list(scripts, ".sh");
    assertThat(files).hasSizeGreaterThanOrEqualTo(5);
    files.forEach(f -> command.add(f.toString()));
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError(
          "shellcheck is not installed: run `make deps` (Debian package shellcheck)", e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void runsWithErrexitAndNounsetAndLogsWithTimestamps(Path example) throws Exception {
    RenderedChart chart = new ChartGenerator().render(example);
    for (Map.Entry<String, String> file : chart.files().entrySet()) {
      if (!file.getKey().startsWith("files/scripts/")) {
        continue;
      }
      String script = file.getValue();
      assertThat(script).as(file.getKey()).startsWith("#!/bin/sh\n");
      if (file.getKey().startsWith("files/scripts/lib-")) {
        assertThat(script).as(file.getKey()).doesNotContain("\nset -eu\n");
      } else {
        assertThat(script)
            .as(file.getKey())
            .contains("\nset -eu\n")
            .contains(". \"$(dirname \"$0\")/lib-base.sh\"");
      }
      if (file.getKey().endsWith("/lib-base.sh")) {
        assertThat(script).contains("date -u '+%Y-%m-%dT%H:%M:%SZ'").contains(">&2");
      }
    }
  }

  /**
   * Every shell function the scripts define is called somewhere in the chart (a script or a
   * template's command): a function nothing calls is code nobody runs, reviews or tests.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void defineNoFunctionNothingCalls(Path example) throws Exception {
    RenderedChart chart = new ChartGenerator().render(example);
    java.util.regex.Pattern definition =
        java.util.regex.Pattern.compile("(?m)^([A-Za-z_][A-Za-z0-9_]*)\\(\\) \\{");
    List<String> defined = new ArrayList<>();
    for (Map.Entry<String, String> file : chart.files().entrySet()) {
      if (file.getKey().startsWith("files/scripts/")) {
        definition.matcher(file.getValue()).results().forEach(m -> defined.add(m.group(1)));
      }
    }
    assertThat(defined).hasSizeGreaterThan(20);
    List<String> uncalled = new ArrayList<>();
    for (String name : defined) {
      java.util.regex.Pattern use =
          java.util.regex.Pattern.compile(
              "(?<![A-Za-z0-9_])" + name + "(?![A-Za-z0-9_]|\\(\\) \\{)");
      if (chart.files().values().stream().noneMatch(text -> use.matcher(text).find())) {
        uncalled.add(name);
      }
    }
    assertThat(uncalled).as("functions nothing calls").isEmpty();
  }

  /**
   * A chart's scripts speak only its own flavor's SQL: the MariaDB chart has no MySQL statement and
   * the reverse, and no script branches on the flavor at run time.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void shipOnlyTheirOwnFlavorsStatements(Path example) throws Exception {
    RenderedChart chart = new ChartGenerator().render(example);
    boolean mariadb = chart.files().get("replichart.json").contains("\"flavor\" : \"mariadb\"");
    List<String> foreign =
        mariadb
            ? List.of(
                "START REPLICA",
                "STOP REPLICA",
                "SOURCE_",
                "super_read_only",
                "GTID_SUBSET(",
                "gtid_purged",
                "xtrabackup ")
            : List.of(
                "START SLAVE",
                "STOP SLAVE",
                "MASTER_",
                "gtid_slave_pos",
                "gtid_current_pos",
                "mariadb",
                "mbstream");
    String own = mariadb ? "START SLAVE" : "START REPLICA";
    StringBuilder all = new StringBuilder();
    for (Map.Entry<String, String> file : chart.files().entrySet()) {
      if (file.getKey().startsWith("files/scripts/")) {
        String script = file.getValue();
        all.append(script);
        assertThat(script).as(file.getKey()).doesNotContain("FLAVOR");
        for (String word : foreign) {
          assertThat(script).as(file.getKey()).doesNotContain(word);
        }
      }
    }
    assertThat(all.toString()).contains(own);
  }
}
