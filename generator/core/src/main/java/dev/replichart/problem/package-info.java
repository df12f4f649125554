/**
 * The one problem type shared by every stage, from spec parsing to Helm and policy checks: a
 * located message with an optional hint, collected rather than thrown so that a user sees every
 * mistake at once.
 */
package dev.replichart.problem;
