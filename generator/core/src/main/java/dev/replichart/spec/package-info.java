/**
 * The typed cluster spec ({@code kind: MySQLCluster}): immutable records, a parser that keeps the
 * line and column of every value, and the semantic checks (ranges, cross-field rules). Every
 * problem found is collected; a spec is either complete and valid or not returned at all.
 */
package dev.replichart.spec;
