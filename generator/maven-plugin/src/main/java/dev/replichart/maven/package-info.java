/**
 * The Maven plugin's goals, thin over core: {@code generate} runs {@code pipeline.ChartGenerator}
 * for each spec, {@code check} compares the chart directory and a baseline with {@code release}.
 * Problems are printed through {@code problem.ProblemReport}, as the CLI prints them. No Mojo holds
 * state beyond one execution.
 */
package dev.replichart.maven;
