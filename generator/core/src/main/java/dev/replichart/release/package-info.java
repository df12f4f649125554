/**
 * Releasing a chart: whether a chart directory is what the spec renders ({@link
 * dev.replichart.release.ChartDrift}), and the version rule against a baseline — the last released
 * or committed chart, from a directory or a git revision ({@link dev.replichart.release.Baseline})
 * — with SemVer 2 precedence ({@link dev.replichart.release.SemVer}). {@link
 * dev.replichart.release.UpgradeCheck} is where object-level upgrade checks join the version rule.
 * Used by the Maven plugin's {@code check} goal; nothing here knows Maven.
 */
package dev.replichart.release;
