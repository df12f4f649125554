package dev.replichart.release;

/** Every check ID of this package, once, with what it proves. */
public enum ReleaseRule {
  /** A committed chart file differs from what the spec renders, is missing, or is extra. */
  CHART_STALE("CHART-STALE"),
  /** The chart's content differs from the baseline's while its version did not go up. */
  VERSION_NOT_RAISED("RELEASE-VERSION-NOT-RAISED"),
  /** The chart's version is lower than the baseline's. */
  VERSION_LOWER("RELEASE-VERSION-LOWER"),
  /** The baseline was named but cannot be read (a missing directory, an unknown git ref). */
  BASELINE_UNREADABLE("RELEASE-BASELINE");

  private final String id;

  ReleaseRule(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
