package dev.replichart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replichart.TestFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code replichart validate}: exit codes, located messages, JSON. */
class ValidateCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Path root = TestFiles.repoRoot();

  private int run(String... args) {
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void theCommittedChartValidatesWithEveryValuesFile() {
    List<String> args = new ArrayList<>(List.of("validate", root.resolve("chart").toString()));
    for (Path values : TestFiles.valuesFiles()) {
      args.add("-f");
      args.add(values.toString());
    }
    assertThat(run(args.toArray(String[]::new))).as(err.toString()).isZero();
    assertThat(out.toString()).contains("no problems").contains("OpenAPI 1.27");
  }

  @Test
  void aValuesFileWithThreeMistakesGivesThreeLocatedMessagesAndExitOne() throws Exception {
    Path values = root.resolve("values/invalid/three-mistakes.yaml");
    int code = run("validate", root.resolve("chart").toString(), "-f", values.toString());
    assertThat(code).isEqualTo(1);
    List<String> expected =
        Files.readAllLines(
            root.resolve("values/invalid/three-mistakes.expected"), StandardCharsets.UTF_8);
    String relative = err.toString().replace(root + "/", "");
    assertThat(relative.lines().toList()).containsExactlyElementsOf(expected);
    assertThat(
            relative
                .lines()
                .filter(l -> l.matches("values/invalid/three-mistakes[.]yaml:[0-9]+:[0-9]+: .*")))
        .hasSize(3);
  }

  /** Every values/invalid/*.yaml gives exactly the lines of its .expected file, and exit 1. */
  @Test
  void eachInvalidValuesFileGivesItsExpectedLines() throws Exception {
    List<Path> invalid;
    try (var files = Files.list(root.resolve("values/invalid"))) {
      invalid = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(invalid).hasSizeGreaterThanOrEqualTo(2);
    for (Path values : invalid) {
      err.getBuffer().setLength(0);
      int code = run("validate", root.resolve("chart").toString(), "-f", values.toString());
      assertThat(code).as(values.toString()).isEqualTo(1);
      Path expected =
          values.resolveSibling(values.getFileName().toString().replace(".yaml", ".expected"));
      assertThat(err.toString().replace(root + "/", "").lines().toList())
          .as(values.toString())
          .containsExactlyElementsOf(Files.readAllLines(expected, StandardCharsets.UTF_8));
    }
  }

  @Test
  void printsJsonWithTheCheckObjectAndPosition() {
    int code =
        run(
            "validate",
            root.resolve("chart").toString(),
            "-f",
            root.resolve("values/invalid/three-mistakes.yaml").toString(),
            "--output",
            "json");
    assertThat(code).isEqualTo(1);
    assertThat(out.toString())
        .contains("\"check\" : \"VALUES-SCHEMA\"")
        .contains("\"path\" : \".persistence.size\"")
        .contains("\"line\" : 6")
        .contains("\"column\" : 9");
  }

  @Test
  void aDirectoryWithoutChartYamlIsAUsageErrorWithExitTwo() {
    assertThat(run("validate", root.resolve("examples").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("not a chart directory");
  }
}
