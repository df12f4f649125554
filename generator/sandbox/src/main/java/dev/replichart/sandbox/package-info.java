/**
 * The pod sandbox: runs a rendered chart's own container commands and scripts, unchanged, for each
 * pod of its StatefulSet in a network namespace of its own (own IP on a bridge, hostname, {@code
 * /etc/hosts} for pod and Service names) and a private mount namespace (its volume, ConfigMap,
 * Secret and emptyDir files at the paths the pod spec names), against the host's real MariaDB. A
 * fabric8 mock API server stands in for the Kubernetes API the scripts call (pod labels, deletion).
 * What it needs to know about the chart (each image's programs, the accounts, the role label) it
 * reads from the chart's {@code replichart.json}, never by reading its documentation or scripts
 * back.
 *
 * <p>One class per job: {@link dev.replichart.sandbox.Sandbox} is the facade the CLI and the tests
 * use; {@link dev.replichart.sandbox.Supervisor} brings it up and down and runs the loop; {@link
 * dev.replichart.sandbox.ServiceNetwork} owns the bridge, the hosts file and Service routing;
 * {@link dev.replichart.sandbox.ApiStandIn} the mock API server ({@link
 * dev.replichart.sandbox.ApiGateway} in front, {@link dev.replichart.sandbox.ApiServerDispatcher}
 * behind); {@link dev.replichart.sandbox.Operations} what an operator does to a running sandbox;
 * {@link dev.replichart.sandbox.SandboxPod} one pod and its containers; {@link
 * dev.replichart.sandbox.StateDirectory} where everything lives; {@link
 * dev.replichart.sandbox.ImagePrograms} each container's PATH. For failover tests: {@link
 * dev.replichart.sandbox.WriteClient} writes as an application does and finds lost writes, {@link
 * dev.replichart.sandbox.WritersChecker} watches for two writable servers.
 */
package dev.replichart.sandbox;
