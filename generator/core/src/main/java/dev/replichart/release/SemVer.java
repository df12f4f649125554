package dev.replichart.release;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SemVer 2.0.0 version and its precedence (semver.org §11): major, minor and patch compare as
 * numbers; a version with a pre-release ranks below the same version without one; pre-release
 * identifiers compare one by one, numeric ones as numbers and below alphanumeric ones, and a longer
 * list wins when all before are equal. Build metadata is kept but never ranks.
 *
 * @param major the major version
 * @param minor the minor version
 * @param patch the patch version
 * @param preRelease the dot-separated pre-release identifiers, empty for a release
 * @param build the build metadata after {@code +}, or empty
 */
public record SemVer(
    BigInteger major, BigInteger minor, BigInteger patch, List<String> preRelease, String build)
    implements Comparable<SemVer> {

  private static final String NUMBER = "0|[1-9][0-9]*";
  private static final String PRE_ID = "0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*";
  private static final String BUILD_ID = "[0-9A-Za-z-]+";
  private static final Pattern GRAMMAR =
      Pattern.compile(
          "("
              + NUMBER
              + ")\\.("
              + NUMBER
              + ")\\.("
              + NUMBER
              + ")"
              + "(?:-((?:"
              + PRE_ID
              + ")(?:\\.(?:"
              + PRE_ID
              + "))*))?"
              + "(?:\\+("
              + BUILD_ID
              + "(?:\\."
              + BUILD_ID
              + ")*))?");

  public SemVer {
    preRelease = List.copyOf(preRelease);
    build = build == null ? "" : build;
  }

  /** The version {@code text} spells, if it is SemVer 2.0.0 (no leading {@code v}). */
  public static Optional<SemVer> parse(String text) {
    Matcher m = GRAMMAR.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new SemVer(
            new BigInteger(m.group(1)),
            new BigInteger(m.group(2)),
            new BigInteger(m.group(3)),
            m.group(4) == null ? List.of() : List.of(m.group(4).split("\\.")),
            m.group(5)));
  }

  /** Whether this is a pre-release ({@code 1.0.0-rc.1}). */
  public boolean isPreRelease() {
    return !preRelease.isEmpty();
  }

  /**
   * The smallest release above this one that a person would pick: the next patch of a release, the
   * release itself of a pre-release ({@code 1.0.1-rc.1} → {@code 1.0.1}).
   */
  public SemVer nextRelease() {
    if (isPreRelease()) {
      return new SemVer(major, minor, patch, List.of(), "");
    }
    return new SemVer(major, minor, patch.add(BigInteger.ONE), List.of(), "");
  }

  /** Precedence; build metadata is ignored, so two versions may compare 0 and not be equal. */
  @Override
  public int compareTo(SemVer other) {
    int c = major.compareTo(other.major);
    if (c == 0) {
      c = minor.compareTo(other.minor);
    }
    if (c == 0) {
      c = patch.compareTo(other.patch);
    }
    if (c != 0) {
      return c;
    }
    if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
      // a release ranks above any of its pre-releases
      return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty());
    }
    for (int i = 0; i < Math.min(preRelease.size(), other.preRelease.size()); i++) {
      c = compareIdentifiers(preRelease.get(i), other.preRelease.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(preRelease.size(), other.preRelease.size());
  }

  private static int compareIdentifiers(String a, String b) {
    boolean aNumeric = isNumeric(a);
    boolean bNumeric = isNumeric(b);
    if (aNumeric && bNumeric) {
      // no leading zeros: the longer number is the larger
      return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }
    if (aNumeric != bNumeric) {
      return aNumeric ? -1 : 1;
    }
    return a.compareTo(b); // ASCII order
  }

  private static boolean isNumeric(String id) {
    return id.chars().allMatch(ch -> ch >= '0' && ch <= '9');
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    out.append(major).append('.').append(minor).append('.').append(patch);
    if (!preRelease.isEmpty()) {
      out.append('-').append(String.join(".", preRelease));
    }
    if (!build.isEmpty()) {
      out.append('+').append(build);
    }
    return out.toString();
  }
}
