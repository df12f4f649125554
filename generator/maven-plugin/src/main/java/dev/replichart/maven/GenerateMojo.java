package dev.replichart.maven;

import dev.replichart.pipeline.ChartGenerator;
import dev.replichart.pipeline.Version;
import dev.replichart.problem.Location;
import dev.replichart.problem.Problem;
import dev.replichart.problem.ProblemsException;
import dev.replichart.release.ChartDrift;
import dev.replichart.render.OutputTarget;
import dev.replichart.render.RenderedChart;
import dev.replichart.validate.ChartValidator;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Renders each spec into {@code <outputDirectory>/<chart name>}, validated by every layer (values
 * schema, Helm lint and template with the defaults and each values file, Kubernetes models,
 * OpenAPI, policy) before the directory is replaced. Incremental: when the directory already holds
 * the rendered bytes and nothing it was validated with changed, nothing is validated or written.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public final class GenerateMojo extends ChartMojo {
  /** Values files to validate the chart with, besides its defaults. */
  @Parameter List<File> valuesFiles;

  @Override
  void run(List<Path> specFiles) throws MojoExecutionException, MojoFailureException {
    List<Path> values = valuesFiles();
    ChartGenerator generator = new ChartGenerator(); // one per execution: nothing shared
    for (Path spec : specFiles) {
      generate(generator, spec, values);
    }
  }

  private void generate(ChartGenerator generator, Path spec, List<Path> values)
      throws MojoExecutionException, MojoFailureException {
    String nothing = "nothing was written";
    try {
      RenderedChart chart = generator.render(spec);
      Path dir = chartDirectory(chart.name());
      List<Path> inputs = new ArrayList<>(List.of(spec));
      inputs.addAll(values);
      OutputTarget target = OutputTarget.choose(dir, inputs, false);
      InputStamp stamp = InputStamp.of(Version.get(), spec, chart, values);
      Path stampFile = buildDirectory.toPath().resolve("replichart-state/" + chart.name());
      String validated = "validated with default values and " + values.size() + " values file(s)";
      if (ChartDrift.compare(chart, target.directory()).upToDate()) {
        if (stamp.matches(stampFile)) {
          getLog().info("Chart " + chart.name() + " " + chart.version() + " is up to date: " + dir);
          return;
        }
        ChartValidator.Result result = generator.validator().check(target.directory(), values);
        if (!result.problems().isEmpty()) {
          throw fail("generate", result.problems(), "the chart in " + dir + " was left as it is");
        }
        stamp.write(stampFile);
        getLog()
            .info(
                "Chart "
                    + chart.name()
                    + " "
                    + chart.version()
                    + " unchanged in "
                    + dir
                    + ", "
                    + validated);
        return;
      }
      Files.deleteIfExists(stampFile);
      generator.generate(spec, target, values);
      stamp.write(stampFile);
      getLog()
          .info(
              "Wrote chart "
                  + chart.name()
                  + " "
                  + chart.version()
                  + " to "
                  + dir
                  + " ("
                  + chart.files().size()
                  + " files), "
                  + validated);
    } catch (ProblemsException e) {
      throw fail("generate", e.problems(), nothing);
    } catch (IOException e) {
      throw new MojoExecutionException("replichart:generate: " + spec + ": " + e.getMessage(), e);
    }
  }

  private List<Path> valuesFiles() throws MojoFailureException {
    List<Path> files = new ArrayList<>();
    List<Problem> missing = new ArrayList<>();
    if (valuesFiles != null) {
      for (File file : valuesFiles) {
        Path path = basedir.toPath().resolve(file.toPath()).normalize();
        if (!Files.isRegularFile(path)) {
          missing.add(
              new Problem(
                  Location.ofFile(path.toString()),
                  "",
                  "no such values file",
                  "fix <valuesFiles> in the plugin's configuration",
                  "VALUES-IO"));
        }
        files.add(path);
      }
    }
    if (!missing.isEmpty()) {
      throw fail("generate", missing, "nothing was written");
    }
    return files;
  }
}
