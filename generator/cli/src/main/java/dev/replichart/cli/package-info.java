/**
 * picocli commands only: parse arguments, call the pipeline, print problems. Exit codes: 0 ok, 1
 * problems found, 2 usage or I/O error.
 */
package dev.replichart.cli;
