package dev.replichart.release;

import static dev.replichart.release.Charts.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.replichart.problem.Location;
import dev.replichart.problem.Problem;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseCheckTest {
  private static final String OLD = "sha256:" + "1234".repeat(16);
  private static final String NEW = "sha256:" + "abcd".repeat(16);
  private static final Location SPEC_VERSION = new Location("db.yaml", 4, 30);

  private final ReleaseCheck check = new ReleaseCheck(UpgradeCheck.NONE, "mvn replichart:generate");

  @Test
  void rejectsChangedContentWithTheSameVersionNamingBothDigestsAndTheFix() throws IOException {
    ReleaseCheck.Outcome outcome =
        check.check(snapshot("1.0.0", OLD), snapshot("1.0.0", NEW), SPEC_VERSION);

    assertThat(outcome.problems()).hasSize(1);
    Problem p = outcome.problems().get(0);
    assertThat(p.checkId()).isEqualTo("RELEASE-VERSION-NOT-RAISED");
    assertThat(p.format())
        .isEqualTo(
            "db.yaml:4:30: chart.version: db: content changed (sha256:123412341234… →"
                + " sha256:abcdabcdabcd…) but version 1.0.0 was not increased over the baseline"
                + " baseline (raise chart.version in the spec (e.g. to 1.0.1) and run mvn"
                + " replichart:generate)");
  }

  @Test
  void acceptsChangedContentWithAHigherVersion() throws IOException {
    ReleaseCheck.Outcome outcome =
        check.check(snapshot("1.0.0", OLD), snapshot("1.0.1", NEW), SPEC_VERSION);

    assertThat(outcome.problems()).isEmpty();
    assertThat(outcome.summary())
        .isEqualTo("db against baseline: content changed, version 1.0.0 → 1.0.1");
  }

  @Test
  void acceptsUnchangedContentWithTheSameVersion() throws IOException {
    ReleaseCheck.Outcome outcome =
        check.check(snapshot("1.0.0", OLD), snapshot("1.0.0", OLD), SPEC_VERSION);

    assertThat(outcome.problems()).isEmpty();
    assertThat(outcome.summary()).endsWith("content unchanged, version 1.0.0");
  }

  @Test
  void rejectsAVersionThatGoesDownEvenWithUnchangedContent() throws IOException {
    ReleaseCheck.Outcome outcome =
        check.check(snapshot("1.0.0", OLD), snapshot("1.0.0-rc.1", OLD), SPEC_VERSION);

    assertThat(outcome.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.checkId()).isEqualTo("RELEASE-VERSION-LOWER");
              assertThat(p.message()).contains("version 1.0.0-rc.1 is lower than 1.0.0");
            });
  }

  @Test
  void aBuildMetadataChangeIsNoIncrease() throws IOException {
    ReleaseCheck.Outcome outcome =
        check.check(snapshot("1.0.0+a", OLD), snapshot("1.0.0+b", NEW), SPEC_VERSION);

    assertThat(outcome.problems())
        .extracting(Problem::checkId)
        .containsExactly("RELEASE-VERSION-NOT-RAISED");
  }

  @Test
  void leavesARenamedChartAlone() throws IOException {
    ChartSnapshot renamed = ChartSnapshot.of(Charts.chart("other", "1.0.0", NEW, "x: 1\n"), "new");
    ReleaseCheck.Outcome outcome = check.check(snapshot("1.0.0", OLD), renamed, SPEC_VERSION);

    assertThat(outcome.problems()).isEmpty();
    assertThat(outcome.summary()).contains("renamed");
  }

  @Test
  void addsTheUpgradeChecksProblemsToTheVersionRules() throws IOException {
    Problem breaking =
        new Problem(
            Location.ofFile("templates/statefulset.yaml"),
            "spec.volumeClaimTemplates",
            "immutable",
            "",
            "UPGRADE-X");
    ReleaseCheck withUpgrade =
        new ReleaseCheck((baseline, next) -> List.of(breaking), "regenerate");

    ReleaseCheck.Outcome outcome =
        withUpgrade.check(snapshot("1.0.0", OLD), snapshot("1.1.0", NEW), SPEC_VERSION);

    assertThat(outcome.problems()).containsExactly(breaking);
  }
}
