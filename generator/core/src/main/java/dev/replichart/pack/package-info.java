/**
 * Packaging: a chart directory (or a spec, rendered and validated first) into a byte-reproducible
 * {@code <name>-<version>.tgz} in Helm's archive layout, and the Helm repository {@code index.yaml}
 * that lists it. Also reads a packaged chart back into its files, for {@code diff}. The archive is
 * a function of the chart's files only — never of the clock, the file system's order or owners — so
 * a released version keeps its digest and a changed one is caught.
 */
package dev.replichart.pack;
