/**
 * The stages joined: spec → plan → render → validate → atomic write. The CLI and the Maven plugin
 * both call {@link dev.replichart.pipeline.ChartGenerator}, so they behave the same.
 */
package dev.replichart.pipeline;
