package dev.replichart.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replichart.TestFiles;
import dev.replichart.pipeline.ChartGenerator;
import dev.replichart.problem.Problem;
import dev.replichart.render.ChartWriter;
import dev.replichart.render.RenderedChart;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every layer passes on every example with every values file. */
class ChartValidatorTest {
  private static final ChartValidator VALIDATOR = new ChartValidator();

  @TempDir Path tmp;

  static Stream<Path> examples() {
    return TestFiles.examples().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyExampleValidatesWithNoProblemWithEveryValuesFile(Path example) throws Exception {
    RenderedChart chart = new ChartGenerator().render(example);
    Path dir = tmp.resolve(chart.name());
    ChartWriter.writeFiles(chart, dir);
    List<Path> values = TestFiles.valuesFiles();
    ChartValidator.Result result = VALIDATOR.check(dir, values);
    assertThat(result.problems().stream().map(Problem::format)).isEmpty();
    assertThat(result.manifests()).hasSize(values.size() + 1);
    assertThat(result.objects()).isGreaterThanOrEqualTo(8 * (values.size() + 1));
  }
}
