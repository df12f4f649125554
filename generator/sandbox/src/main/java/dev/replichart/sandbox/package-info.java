/**
 * The pod sandbox: runs a rendered chart's own container commands and scripts, unchanged, for each
 * pod of its StatefulSet in a network namespace of its own (own IP on a bridge, hostname, {@code
 * /etc/hosts} for pod and Service names) and a private mount namespace (its volume, ConfigMap,
 * Secret and emptyDir files at the paths the pod spec names), against the host's real MariaDB. A
 * fabric8 mock API server stands in for the Kubernetes API the scripts call (pod labels, deletion).
 */
package dev.replichart.sandbox;
