package dev.replichart.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProblemTest {

  @Test
  void formatsOneProblemAsOneLineWhateverTheValueHolds() {
    Problem p =
        new Problem(
            new Location("a\nb.yaml", 3, 5),
            "spec.x",
            "got 'one\ntwo\r\nthree\u2028four\u2029five\u0085six\u0007'",
            "hint\non two lines",
            "SPEC-VALUE");
    assertThat(p.format())
        .isEqualTo(
            "a\\nb.yaml:3:5: spec.x: got 'one\\ntwo\\r\\nthree\\u2028four\\u2029five\\u0085six\\u0007'"
                + " (hint\\non two lines)")
        .doesNotContain("\n", "\r", "\u2028", "\u2029", "\u0085");
  }

  @Test
  void cutsALongEchoedValue() {
    assertThat(Problem.echo("x".repeat(80))).isEqualTo("x".repeat(80));
    assertThat(Problem.echo("x".repeat(81))).isEqualTo("x".repeat(80) + "… (1 more character)");
  }

  @Test
  void neverCutsASurrogatePairInHalf() {
    String value = "x".repeat(79) + "😀" + "tail";
    assertThat(Problem.echo(value)).startsWith("x".repeat(79) + "…");
  }
}
