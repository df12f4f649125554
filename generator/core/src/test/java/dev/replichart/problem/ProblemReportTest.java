package dev.replichart.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemReportTest {
  private static final Problem TYPO =
      new Problem(
          new Location("db.yaml", 3, 5),
          "spec.replicaz",
          "unknown key",
          "did you mean 'replicas'?",
          "SPEC-UNKNOWN-KEY");

  @Test
  void printsOneLocatedLinePerProblemWithItsCheck() {
    assertThat(ProblemReport.lines(List.of(TYPO)))
        .containsExactly(
            "db.yaml:3:5: spec.replicaz: unknown key (did you mean 'replicas'?) [SPEC-UNKNOWN-KEY]");
  }

  @Test
  void countsInTheSingularAndPlural() {
    assertThat(ProblemReport.count(List.of(TYPO))).isEqualTo("1 problem found");
    assertThat(ProblemReport.count(List.of(TYPO, TYPO))).isEqualTo("2 problems found");
  }

  @Test
  void jsonCarriesEveryField() {
    assertThat(ProblemReport.json(List.of(TYPO)))
        .contains("\"file\" : \"db.yaml\"", "\"line\" : 3", "\"check\" : \"SPEC-UNKNOWN-KEY\"");
  }
}
