package dev.replichart.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.replichart.TestFiles;
import dev.replichart.problem.Problem;
import dev.replichart.problem.ProblemsException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each {@code examples/invalid/NAME.yaml} must give exactly the messages in {@code NAME.expected}
 * (without the final count line, which the CLI adds).
 */
class InvalidExamplesTest {

  static Stream<Path> invalidSpecs() {
    List<Path> specs = TestFiles.list(TestFiles.repoRoot().resolve("examples/invalid"), ".yaml");
    assertThat(specs).hasSizeGreaterThanOrEqualTo(8);
    return specs.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSpecs")
  void givesExactlyTheExpectedLocatedMessages(Path spec) throws Exception {
    Path root = TestFiles.repoRoot();
    Path relative = root.relativize(spec);
    Path expectedFile = spec.resolveSibling(TestFiles.baseName(spec) + ".expected");
    List<String> expected =
        Files.readAllLines(expectedFile, StandardCharsets.UTF_8).stream()
            .filter(line -> !line.matches("\\d+ problems? found"))
            .toList();
    List<Problem> problems;
    try {
      SpecParser.parse(Files.readString(spec), relative.toString(), spec.getFileName().toString());
      fail(relative + " parsed without problems");
      return;
    } catch (ProblemsException e) {
      problems = e.problems();
    }
    assertThat(problems.stream().map(Problem::format).toList()).containsExactlyElementsOf(expected);
    assertThat(problems).allSatisfy(p -> assertThat(p.location().line()).isPositive());
  }
}
