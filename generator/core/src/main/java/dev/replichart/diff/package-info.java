/**
 * {@code replichart diff}: two charts (directories, packaged {@code .tgz} or specs) rendered by
 * real Helm and compared object by object and field by field, for review, with an upgrade check
 * that names each change {@code helm upgrade} would have Kubernetes reject. {@link
 * dev.replichart.diff.ChartDiff} is the entry point for the CLI and the Maven plugin.
 */
package dev.replichart.diff;
