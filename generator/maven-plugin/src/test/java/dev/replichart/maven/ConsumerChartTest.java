package dev.replichart.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replichart.TestFiles;
import dev.replichart.pipeline.ChartGenerator;
import dev.replichart.release.ChartDrift;
import dev.replichart.render.OutputTarget;
import dev.replichart.render.RenderedChart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * examples/maven-consumer is what the integration tests copy, so it must be right before they run:
 * its committed chart is what its spec renders now, and its pom uses this version of the plugin.
 * {@code -Dgolden.update=true} regenerates the chart (validated, as generate does).
 */
class ConsumerChartTest {
  private static final Path CONSUMER = TestFiles.repoRoot().resolve("examples/maven-consumer");
  private static final Path SPEC = CONSUMER.resolve("src/main/replichart/orders-db.yaml");
  private static final Path VALUES = CONSUMER.resolve("src/main/values/prod.yaml");

  @Test
  void committedChartIsWhatTheSpecRenders() throws Exception {
    ChartGenerator generator = new ChartGenerator();
    RenderedChart chart = generator.render(SPEC);
    Path dir = CONSUMER.resolve("charts").resolve(chart.name());
    if (Boolean.getBoolean("golden.update")) {
      generator.generate(
          SPEC, OutputTarget.choose(dir, List.of(SPEC, VALUES), false), List.of(VALUES));
    }
    ChartDrift drift = ChartDrift.compare(chart, dir);
    assertThat(drift.problems("orders-db.yaml", "mvn verify -Dgolden.update=true"))
        .as("examples/maven-consumer/charts/orders-db")
        .isEmpty();
  }

  @Test
  void pomUsesThisVersionOfThePlugin() throws Exception {
    String version = System.getProperty("replichart.plugin.version");
    assertThat(version).as("set by surefire").isNotBlank();
    assertThat(Files.readString(CONSUMER.resolve("pom.xml")))
        .contains("<replichart.version>" + version + "</replichart.version>");
  }
}
