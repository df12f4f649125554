package dev.replichart.maven;

import dev.replichart.pack.ChartPackager;
import dev.replichart.pipeline.ChartGenerator;
import dev.replichart.problem.Problem;
import dev.replichart.problem.ProblemsException;
import dev.replichart.release.ChartDrift;
import dev.replichart.render.RenderedChart;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Packages each spec's chart, as it is in {@code <outputDirectory>/<name>}, into {@code
 * <dist>/<name>-<version>.tgz} and adds it to {@code <dist>/index.yaml}, so that {@code dist} can
 * be served as a Helm repository. The archive and the index are byte-reproducible. A chart that is
 * not what its spec renders is refused (run {@code generate} first), and so is a released name and
 * version whose content changed, unless {@code force} is set.
 */
@Mojo(name = "package", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public final class PackageMojo extends ChartMojo {
  /** The Helm repository directory: archives and {@code index.yaml}. */
  @Parameter(property = "replichart.dist", defaultValue = "${project.basedir}/dist")
  File dist;

  /** Replace a released name and version whose digest differs (a released chart changes). */
  @Parameter(property = "replichart.force", defaultValue = "false")
  boolean force;

  @Override
  void run(List<Path> specFiles) throws MojoExecutionException, MojoFailureException {
    ChartGenerator generator = new ChartGenerator();
    ChartPackager packager = new ChartPackager();
    List<Problem> problems = new ArrayList<>();
    for (Path spec : specFiles) {
      try {
        RenderedChart chart = generator.render(spec);
        Path dir = chartDirectory(chart.name());
        ChartDrift drift = ChartDrift.compare(chart, dir);
        if (!Files.isDirectory(dir) || !drift.upToDate()) {
          problems.addAll(drift.problems(spec.getFileName().toString(), CheckMojo.REGENERATE));
          continue;
        }
        ChartPackager.Packaged packaged = packager.pack(dir, dist.toPath(), force);
        getLog()
            .info(
                "Chart "
                    + packaged.name()
                    + " "
                    + packaged.version()
                    + ": "
                    + packaged.archive()
                    + " ("
                    + packaged.outcome().name().toLowerCase(Locale.ROOT)
                    + ", sha256 "
                    + packaged.digest()
                    + "), "
                    + packaged.index());
      } catch (ProblemsException e) {
        problems.addAll(e.problems());
      } catch (IOException e) {
        throw new MojoExecutionException("replichart:package: " + spec + ": " + e.getMessage(), e);
      }
    }
    if (!problems.isEmpty()) {
      throw fail("package", problems, "nothing more was packaged");
    }
  }
}
