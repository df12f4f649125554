/**
 * Kubernetes and Helm facts defined once: label, annotation and Secret keys, container names, the
 * one {@code helm template} setup, the rendered-object type and selector matching. Every other
 * package that needs one of these names takes it from here; outside {@code validate}, only this
 * package talks Helm or fabric8 object types.
 */
package dev.replichart.kube;
