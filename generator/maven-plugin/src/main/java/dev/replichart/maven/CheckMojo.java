package dev.replichart.maven;

import dev.replichart.diff.ChartUpgradeCheck;
import dev.replichart.pipeline.ChartGenerator;
import dev.replichart.problem.Problem;
import dev.replichart.problem.ProblemsException;
import dev.replichart.release.Baseline;
import dev.replichart.release.ChartDrift;
import dev.replichart.release.ChartSnapshot;
import dev.replichart.release.ChartVersionLocation;
import dev.replichart.release.ReleaseCheck;
import dev.replichart.release.UpgradeCheck;
import dev.replichart.render.RenderedChart;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Fails when a chart directory is not what its spec renders (naming each differing, missing or
 * extra file), or when the chart's content changed since the baseline while its version did not
 * rise, or when upgrading from the baseline would meet a change {@code helm upgrade} rejects or
 * does not apply. Renders the spec in memory; the upgrade check renders both charts with Helm in a
 * scratch directory.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class CheckMojo extends ChartMojo {
  /** What {@code check}'s hints tell a user to run after changing the spec. */
  static final String REGENERATE = "mvn replichart:generate";

  /**
   * The chart the version rule compares with: {@code git:REF} reads the chart directory as
   * committed at that revision ({@code git:origin/main} on pull requests); anything else is a
   * directory holding the released chart or {@code <chart name>/}. No git repository, or a chart
   * not present there, means no baseline: the rule is skipped with a warning.
   */
  @Parameter(property = "replichart.baseline", defaultValue = "git:HEAD")
  String baseline;

  @Override
  void run(List<Path> specFiles) throws MojoExecutionException, MojoFailureException {
    Baseline against;
    try {
      against = Baseline.parse(baseline, basedir.toPath());
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException(
          "replichart:check: baseline " + baseline + ": " + e.getMessage());
    }
    ChartGenerator generator = new ChartGenerator();
    ReleaseCheck release = new ReleaseCheck(upgradeCheck(), REGENERATE);
    List<Problem> problems = new ArrayList<>();
    for (Path spec : specFiles) {
      try {
        problems.addAll(check(generator, release, against, spec));
      } catch (ProblemsException e) {
        problems.addAll(e.problems());
      } catch (IOException e) {
        throw new MojoExecutionException("replichart:check: " + spec + ": " + e.getMessage(), e);
      }
    }
    if (!problems.isEmpty()) {
      throw fail("check", problems, "see the lines above");
    }
  }

  private List<Problem> check(
      ChartGenerator generator, ReleaseCheck release, Baseline against, Path spec)
      throws ProblemsException, IOException {
    RenderedChart chart = generator.render(spec);
    Path dir = chartDirectory(chart.name());
    List<Problem> problems = new ArrayList<>();
    ChartDrift drift = ChartDrift.compare(chart, dir);
    String shown = spec.getFileName().toString();
    if (drift.upToDate()) {
      getLog().info("Chart " + chart.name() + " in " + dir + " is what " + shown + " renders");
    } else {
      problems.addAll(drift.problems(shown, REGENERATE));
    }
    Baseline.Lookup lookup = against.find(dir, chart.name());
    if (lookup instanceof Baseline.Found found) {
      ReleaseCheck.Outcome outcome =
          release.check(
              found.chart(), ChartSnapshot.of(chart, shown), ChartVersionLocation.of(spec));
      getLog().info("Version rule: " + outcome.summary());
      problems.addAll(outcome.problems());
    } else if (lookup instanceof Baseline.Absent absent) {
      warn(
          "No baseline for chart "
              + chart.name()
              + " at "
              + against
              + ": "
              + absent.reason()
              + "; the version rule was not checked");
    }
    return problems;
  }

  /**
   * The upgrade check run between the baseline and the new chart (what {@code replichart diff}
   * reports as upgrade-breaking: a StatefulSet's volumeClaimTemplates, selectors, a StorageClass's
   * parameters…), whose problems join the version rule's.
   */
  UpgradeCheck upgradeCheck() {
    return new ChartUpgradeCheck(this::chartDirectory);
  }
}
