package dev.replichart.release;

import dev.replichart.problem.Location;
import dev.replichart.problem.Problem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The version rule between a baseline chart and the next one: a chart whose content changed must
 * have a higher SemVer version, and a version never goes down. Content is what the {@code
 * replichart.dev/content-digest} annotation of {@code Chart.yaml} digests (every file but {@code
 * Chart.yaml} and the manifest). An {@link UpgradeCheck} adds what the two charts' objects say.
 */
public final class ReleaseCheck {
  private static final int SHORT_DIGEST = "sha256:".length() + 12;

  private final UpgradeCheck upgrade;
  private final String regenerate;

  /**
   * @param upgrade the upgrade check to run against the baseline ({@link UpgradeCheck#NONE}: none)
   * @param regenerate the command that rewrites the chart after the spec changed, for hints ({@code
   *     mvn replichart:generate})
   */
  public ReleaseCheck(UpgradeCheck upgrade, String regenerate) {
    this.upgrade = upgrade;
    this.regenerate = regenerate;
  }

  /**
   * What the comparison found.
   *
   * @param problems what breaks the rule, empty when the chart may be released
   * @param summary one line for the log: what was compared and the outcome
   */
  public record Outcome(List<Problem> problems, String summary) {
    public Outcome {
      problems = List.copyOf(problems);
    }
  }

  /**
   * Compares {@code next} with {@code baseline}.
   *
   * @param versionAt where the next chart's version is set (the spec's {@code chart.version}), so
   *     that a problem points where the fix goes
   */
  public Outcome check(ChartSnapshot baseline, ChartSnapshot next, Location versionAt)
      throws IOException {
    String name = next.chart().name();
    String from = baseline.origin();
    if (!baseline.chart().name().equals(name)) {
      return new Outcome(
          List.of(),
          "baseline "
              + from
              + " holds chart '"
              + baseline.chart().name()
              + "', not '"
              + name
              + "': no version rule for a renamed chart");
    }
    Optional<SemVer> oldVersion = baseline.version();
    Optional<SemVer> newVersion = next.version();
    if (oldVersion.isEmpty() || newVersion.isEmpty()) {
      String bad = oldVersion.isEmpty() ? baseline.chart().version() : next.chart().version();
      return new Outcome(
          List.of(), "version '" + bad + "' is not SemVer 2: no version rule against " + from);
    }
    SemVer was = oldVersion.get();
    SemVer now = newVersion.get();
    List<Problem> problems = new ArrayList<>();
    boolean changed = !baseline.contentDigest().equals(next.contentDigest());
    int order = now.compareTo(was);
    String summary;
    if (order < 0) {
      problems.add(
          new Problem(
              versionAt,
              "chart.version",
              name + ": version " + now + " is lower than " + was + " in the baseline " + from,
              "chart versions only go up: set chart.version above "
                  + was
                  + " (e.g. to "
                  + was.nextRelease()
                  + ") and run "
                  + regenerate,
              ReleaseRule.VERSION_LOWER.id()));
      summary = "version " + was + " → " + now + " goes down";
    } else if (changed && order == 0) {
      problems.add(
          new Problem(
              versionAt,
              "chart.version",
              name
                  + ": content changed ("
                  + shortDigest(baseline.contentDigest())
                  + " → "
                  + shortDigest(next.contentDigest())
                  + ") but version "
                  + now
                  + " was not increased over the baseline "
                  + from,
              "raise chart.version in the spec (e.g. to "
                  + was.nextRelease()
                  + ") and run "
                  + regenerate,
              ReleaseRule.VERSION_NOT_RAISED.id()));
      summary = "content changed, version " + now + " not increased";
    } else if (changed) {
      summary = "content changed, version " + was + " → " + now;
    } else {
      summary = "content unchanged, version " + was + (order == 0 ? "" : " → " + now);
    }
    problems.addAll(upgrade.check(baseline.chart(), next.chart()));
    return new Outcome(problems, name + " against " + from + ": " + summary);
  }

  /** {@code sha256:1234567890ab…}; a digest that is missing reads {@code (none)}. */
  static String shortDigest(String digest) {
    if (digest.isEmpty()) {
      return "(none)";
    }
    return digest.length() <= SHORT_DIGEST ? digest : digest.substring(0, SHORT_DIGEST) + "…";
  }
}
