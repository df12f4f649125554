package dev.replichart.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class SemVerTest {

  /** semver.org §11's own example chain, then releases. */
  private static final List<String> ASCENDING =
      List.of(
          "1.0.0-alpha",
          "1.0.0-alpha.1",
          "1.0.0-alpha.beta",
          "1.0.0-beta",
          "1.0.0-beta.2",
          "1.0.0-beta.11",
          "1.0.0-rc.1",
          "1.0.0",
          "1.0.1",
          "1.1.0",
          "1.10.0",
          "2.0.0",
          "2.1.1",
          "18446744073709551616.0.0");

  @Test
  void ordersTheSpecificationsExamples() {
    List<SemVer> versions = new ArrayList<>(ASCENDING.stream().map(SemVerTest::parse).toList());
    Collections.shuffle(versions, new java.util.Random(7));
    Collections.sort(versions);
    assertThat(versions.stream().map(SemVer::toString)).containsExactlyElementsOf(ASCENDING);
  }

  @Test
  void comparesNumericIdentifiersAsNumbersAndBelowAlphanumericOnes() {
    assertThat(parse("1.0.0-2")).isLessThan(parse("1.0.0-10"));
    assertThat(parse("1.0.0-10")).isLessThan(parse("1.0.0-1a"));
    assertThat(parse("1.0.0-Z")).isLessThan(parse("1.0.0-a")); // ASCII order
  }

  @Test
  void ignoresBuildMetadataInPrecedence() {
    assertThat(parse("1.0.0+build.1")).isEqualByComparingTo(parse("1.0.0+build.2"));
    assertThat(parse("1.0.0+build.1")).isNotEqualTo(parse("1.0.0+build.2"));
  }

  @Test
  void rejectsWhatSemVer2Rejects() {
    for (String bad :
        List.of(
            "1.0",
            "v1.0.0",
            "01.0.0",
            "1.0.0-",
            "1.0.0-01",
            "1.0.0-a..b",
            "1.0.0+",
            "1.0.0+a+b",
            " 1.0.0",
            "1.0.0-ä")) {
      assertThat(SemVer.parse(bad)).as(bad).isEmpty();
    }
  }

  @Test
  void suggestsTheNextPatchOrTheReleaseOfAPreRelease() {
    assertThat(parse("1.0.0").nextRelease()).hasToString("1.0.1");
    assertThat(parse("1.2.3-rc.1+b").nextRelease()).hasToString("1.2.3");
  }

  @Property
  void printsWhatItParses(@ForAll("versions") SemVer v) {
    assertThat(SemVer.parse(v.toString())).contains(v);
  }

  @Property
  void theSuggestedNextReleaseIsHigher(@ForAll("versions") SemVer v) {
    assertThat(v.nextRelease()).isGreaterThan(v);
  }

  @Property
  void aPreReleaseRanksBelowItsRelease(@ForAll("versions") SemVer v) {
    SemVer release = new SemVer(v.major(), v.minor(), v.patch(), List.of(), "");
    if (v.isPreRelease()) {
      assertThat(v).isLessThan(release);
    } else {
      assertThat(v).isEqualByComparingTo(release);
    }
  }

  @Property
  void isAntisymmetric(@ForAll("versions") SemVer a, @ForAll("versions") SemVer b) {
    assertThat(Integer.signum(a.compareTo(b))).isEqualTo(-Integer.signum(b.compareTo(a)));
  }

  @Property
  void isTransitive(
      @ForAll("versions") SemVer a, @ForAll("versions") SemVer b, @ForAll("versions") SemVer c) {
    List<SemVer> sorted = new ArrayList<>(List.of(a, b, c));
    Collections.sort(sorted);
    assertThat(sorted.get(0)).isLessThanOrEqualTo(sorted.get(2));
    assertThat(sorted.get(0).compareTo(sorted.get(1))).isLessThanOrEqualTo(0);
    assertThat(sorted.get(1).compareTo(sorted.get(2))).isLessThanOrEqualTo(0);
  }

  @Property
  void aLongerPreReleaseWithTheSamePrefixRanksHigher(
      @ForAll("versions") SemVer v, @ForAll("identifiers") String more) {
    if (v.isPreRelease()) {
      List<String> longer = new ArrayList<>(v.preRelease());
      longer.add(more);
      assertThat(new SemVer(v.major(), v.minor(), v.patch(), longer, "")).isGreaterThan(v);
    }
  }

  @Provide
  Arbitrary<SemVer> versions() {
    Arbitrary<BigInteger> number =
        Arbitraries.oneOf(
            Arbitraries.integers().between(0, 3).map(BigInteger::valueOf),
            Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TEN.pow(25)));
    Arbitrary<List<String>> pre = identifiers().list().ofMaxSize(3);
    Arbitrary<String> build =
        Arbitraries.oneOf(
            Arbitraries.just(""), Arbitraries.strings().withChars("abc019-").ofMinLength(1));
    return Combinators.combine(number, number, number, pre, build).as(SemVer::new);
  }

  @Provide
  Arbitrary<String> identifiers() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(0, 20).map(String::valueOf),
        Arbitraries.strings().withChars("ab-Z").ofMinLength(1).ofMaxLength(3),
        Arbitraries.strings()
            .withChars("0a")
            .ofMinLength(2)
            .ofMaxLength(3)
            .filter(s -> s.contains("a")));
  }

  private static SemVer parse(String text) {
    return SemVer.parse(text).orElseThrow(() -> new AssertionError("not SemVer: " + text));
  }
}
