/**
 * Validators that run on a written chart before it is moved into place. {@link
 * dev.replichart.validate.HelmValidator} runs real Helm (embedded through helm-java): it proves the
 * chart lints strictly and renders with the defaults and with every values file given; it does not
 * prove that what it renders is a valid Kubernetes object (a later layer's job).
 */
package dev.replichart.validate;
