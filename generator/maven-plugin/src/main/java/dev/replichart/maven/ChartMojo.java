package dev.replichart.maven;

import dev.replichart.problem.Problem;
import dev.replichart.problem.ProblemReport;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** What both goals share: which specs, where their charts live, skip, and how problems fail. */
abstract class ChartMojo extends AbstractMojo {
  /** One spec file. Combined with {@code specs}; when neither is set, see {@code specDirectory}. */
  @Parameter(property = "replichart.spec")
  File spec;

  /** Spec files, one chart each. */
  @Parameter List<File> specs;

  /** When no spec is named: every {@code *.yaml} and {@code *.yml} file directly in here. */
  @Parameter(
      property = "replichart.specDirectory",
      defaultValue = "${project.basedir}/src/main/replichart")
  File specDirectory;

  /**
   * Where charts live: each in {@code <outputDirectory>/<chart name>}. Set it to a committed
   * directory (e.g. {@code ${project.basedir}/charts}) to keep the charts in version control.
   */
  @Parameter(
      property = "replichart.outputDirectory",
      defaultValue = "${project.build.directory}/replichart")
  File outputDirectory;

  /** Fail the build on warnings too (e.g. a check without a baseline to compare with). */
  @Parameter(property = "replichart.failOnWarnings", defaultValue = "false")
  boolean failOnWarnings;

  /** Skip the goal. */
  @Parameter(property = "replichart.skip", defaultValue = "false")
  boolean skip;

  @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
  File basedir;

  @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
  File buildDirectory;

  private final List<String> warnings = new ArrayList<>();

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("replichart: skipped");
      return;
    }
    List<Path> specFiles = specFiles();
    if (specFiles.isEmpty()) {
      warn("no spec to render: none configured and no *.yaml in " + specDirectory);
    } else {
      run(specFiles);
    }
    if (failOnWarnings && !warnings.isEmpty()) {
      throw new MojoFailureException(
          warnings.size()
              + (warnings.size() == 1 ? " warning" : " warnings")
              + " and failOnWarnings is set");
    }
  }

  /** The goal's work for the specs, in order. */
  abstract void run(List<Path> specFiles) throws MojoExecutionException, MojoFailureException;

  /** The named specs, or the ones in {@link #specDirectory}, sorted; absolute. */
  List<Path> specFiles() throws MojoExecutionException, MojoFailureException {
    Set<Path> files = new LinkedHashSet<>();
    if (spec != null) {
      files.add(spec.toPath());
    }
    if (specs != null) {
      specs.forEach(f -> files.add(f.toPath()));
    }
    if (files.isEmpty() && specDirectory != null && Files.isDirectory(specDirectory.toPath())) {
      try (Stream<Path> list = Files.list(specDirectory.toPath())) {
        list.filter(Files::isRegularFile)
            .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
            .sorted()
            .forEach(files::add);
      } catch (IOException e) {
        throw new MojoExecutionException("cannot list " + specDirectory + ": " + e.getMessage(), e);
      }
    }
    List<Path> absolute = new ArrayList<>();
    for (Path file : files) {
      Path path = basedir.toPath().resolve(file).normalize();
      if (!Files.isRegularFile(path)) {
        throw new MojoFailureException(path + ": no such spec file");
      }
      absolute.add(path);
    }
    return absolute;
  }

  /** {@code <outputDirectory>/<name>}. */
  Path chartDirectory(String chartName) {
    return outputDirectory.toPath().resolve(chartName).normalize();
  }

  void warn(String message) {
    warnings.add(message);
    getLog().warn(message);
  }

  /**
   * Prints each problem on one line, as the CLI does, and fails the build with a one-line summary.
   * A user's mistake never shows a stack trace: the exception carries no cause.
   */
  MojoFailureException fail(String goal, List<Problem> problems, String consequence) {
    ProblemReport.lines(problems).forEach(getLog()::error);
    return new MojoFailureException(
        "replichart:" + goal + ": " + ProblemReport.count(problems) + "; " + consequence);
  }
}
