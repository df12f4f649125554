package dev.replichart.diff;

import dev.replichart.Directories;
import dev.replichart.problem.Location;
import dev.replichart.problem.Problem;
import dev.replichart.problem.ProblemsException;
import dev.replichart.release.UpgradeCheck;
import dev.replichart.render.ChartWriter;
import dev.replichart.render.RenderedChart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The release check's upgrade check: renders the baseline and the next chart with real Helm and
 * reports what {@code helm upgrade} would reject or silently not apply ({@link UpgradeRules}), as
 * {@code replichart diff} does. The charts are written to a scratch directory for Helm and removed.
 */
public final class ChartUpgradeCheck implements UpgradeCheck {
  private final ChartDiff diff = new ChartDiff();
  private final Function<String, Path> shownAs;

  /**
   * @param shownAs where the user keeps the chart of a name: problems in the next chart's files are
   *     located there, not in the scratch copy Helm read
   */
  public ChartUpgradeCheck(Function<String, Path> shownAs) {
    this.shownAs = shownAs;
  }

  private static Problem relocate(Problem problem, Path from, String to) {
    Location at = problem.location();
    String prefix = from.toString();
    if (!at.file().startsWith(prefix)) {
      return problem;
    }
    return new Problem(
        new Location(to + at.file().substring(prefix.length()), at.line(), at.column()),
        problem.object(),
        problem.path(),
        problem.message(),
        problem.hint(),
        problem.checkId());
  }

  @Override
  public List<Problem> check(RenderedChart baseline, RenderedChart next) throws IOException {
    Path scratch = Files.createTempDirectory("replichart-upgrade-check");
    try {
      Path old = scratch.resolve("baseline").resolve(baseline.name());
      Path neu = scratch.resolve("next").resolve(next.name());
      ChartWriter.writeFiles(baseline, old);
      ChartWriter.writeFiles(next, neu);
      List<Problem> problems;
      try {
        problems =
            diff.diff(new ChartSource.Directory(old), new ChartSource.Directory(neu), List.of())
                .upgradeBreaking();
      } catch (ProblemsException e) {
        problems = e.problems();
      }
      String baselineShown = "baseline:" + baseline.name();
      Path nextShown = shownAs.apply(next.name());
      return problems.stream()
          .map(p -> relocate(relocate(p, neu, nextShown.toString()), old, baselineShown))
          .toList();
    } finally {
      Directories.deleteTree(scratch);
    }
  }
}
