/**
 * Spec → plan: every decision the chart embodies is made here, once — object names, labels, ports,
 * images, the settings forced for replication vs the tunables a user may change, the values tree
 * (from which both {@code values.yaml} and {@code values.schema.json} are made) and the list of
 * files the chart contains. Templates only print what the plan says.
 */
package dev.replichart.plan;
