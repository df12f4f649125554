package dev.replichart.sandbox;

import dev.replichart.kube.HelmRender;
import dev.replichart.kube.KubeObject;
import dev.replichart.kube.Selectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The network the pods share and the names they resolve: the bridge and its addresses, the hosts
 * file every pod binds as {@code /etc/hosts} (pod names under the headless Service, and each client
 * Service's name for the ready pods its selector picks now, by the labels the API stand-in holds),
 * and a {@code resolv.conf} that fails fast for other names. Each pod's own namespace and veth are
 * made by {@link SandboxPod}.
 */
final class ServiceNetwork {
  /** The prefix of every namespace and link the sandbox makes; {@code down} finds them by it. */
  static final String PREFIX = "rcs-";

  static final String BRIDGE = PREFIX + "br";

  /** The bridge's hardware address: locally administered, fixed (see {@link #up}). */
  static final String BRIDGE_ADDRESS = "02:72:63:00:00:01";

  static final String SUBNET = "10.251.0";
  static final String GATEWAY = SUBNET + ".1";

  /**
   * Where the pods reach the API server: an address of the host's own, apart from the gateway's, so
   * that a pod can be cut off the API server alone while clients on the host (whose connections
   * come from the gateway address) still reach it.
   */
  static final String API = SUBNET + ".2";

  private final StateDirectory state;
  private final ApiStandIn api;
  private final String headlessService;
  private final Map<String, Map<String, String>> serviceSelectors = new LinkedHashMap<>();
  private String lastHosts = "";

  /** The network of the chart's rendered Services; pods are named under {@code headlessService}. */
  ServiceNetwork(
      StateDirectory state, ApiStandIn api, String headlessService, List<KubeObject> objects) {
    this.state = state;
    this.api = api;
    this.headlessService = headlessService;
    for (KubeObject o : objects) {
      if (o.kind().equals("Service")) {
        serviceSelectors.put(o.name(), Selectors.toMap(o.node().path("spec").path("selector")));
      }
    }
  }

  /** Writes the hosts file and resolv.conf, and brings the bridge up with the gateway address. */
  void up() throws IOException {
    Files.writeString(state.hostsFile(), "127.0.0.1 localhost\n", StandardCharsets.UTF_8);
    // Names the hosts file lacks fail at once, as cluster DNS answers NXDOMAIN for a pod that
    // does not exist (nothing listens on the pod's own port 53).
    Files.writeString(
        state.resolvConf(),
        "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n",
        StandardCharsets.UTF_8);
    Shell.must("ip", "link", "add", BRIDGE, "type", "bridge");
    // A bridge without an address of its own takes the lowest of its ports' and changes it as ports
    // come and go. A Job's veth could lower it for the Job's second of life and take it back at its
    // end, leaving a pod that had learnt the gateway in between sending every reply to the host to
    // an address nobody has until its ARP entry went stale: 20-40 s of silence for clients on the
    // host (seen in 3 of about 220 switchovers). A set address never changes (Linux
    // net/bridge/br_stp_if.c, br_stp_recalculate_bridge_id: nothing to do when the bridge's
    // addr_assign_type is NET_ADDR_SET; both behaviours checked by hand with `ip link` here).
    Shell.must("ip", "link", "set", BRIDGE, "address", BRIDGE_ADDRESS);
    Shell.must("ip", "addr", "add", GATEWAY + "/24", "dev", BRIDGE);
    Shell.must("ip", "addr", "add", API + "/32", "dev", BRIDGE);
    Shell.must("ip", "link", "set", BRIDGE, "up");
  }

  boolean isService(String name) {
    return serviceSelectors.containsKey(name);
  }

  /** The Services whose selector requires label {@code key} = {@code value}. */
  List<String> servicesSelecting(String key, String value) {
    return serviceSelectors.entrySet().stream()
        .filter(e -> value.equals(e.getValue().get(key)))
        .map(Map.Entry::getKey)
        .toList();
  }

  /**
   * The pods a Service selects now, by their labels in the API stand-in: the ready ones, or all of
   * them for the headless Service (which names pods whether ready or not).
   *
   * @param pods the pods in ordinal order
   */
  List<SandboxPod> endpoints(String service, List<SandboxPod> pods, Predicate<String> ready) {
    Map<String, String> selector = serviceSelectors.get(service);
    if (selector == null) {
      throw new SandboxException(
          "no Service " + service + "; the chart has " + serviceSelectors.keySet());
    }
    List<SandboxPod> out = new ArrayList<>();
    for (SandboxPod pod : pods) {
      if (Selectors.matches(selector, api.labels(pod.name))
          && (ready.test(pod.name) || service.equals(headlessService))) {
        out.add(pod);
      }
    }
    return out;
  }

  /** Rewrites the hosts file when what it should say changed. */
  synchronized void writeHosts(List<SandboxPod> pods, Predicate<String> ready) throws IOException {
    String domain = HelmRender.NAMESPACE + ".svc.cluster.local";
    StringBuilder hosts = new StringBuilder("127.0.0.1 localhost\n");
    for (SandboxPod pod : pods) {
      String name = pod.name;
      hosts
          .append(pod.ip)
          .append(' ')
          .append(name + "." + headlessService + "." + domain)
          .append(' ')
          .append(name)
          .append('.')
          .append(headlessService)
          .append(' ')
          .append(name)
          .append('\n');
    }
    for (String service : serviceSelectors.keySet()) {
      if (service.equals(headlessService)) {
        continue;
      }
      for (SandboxPod pod : endpoints(service, pods, ready)) {
        hosts
            .append(pod.ip)
            .append(' ')
            .append(service)
            .append(' ')
            .append(service)
            .append('.')
            .append(domain)
            .append('\n');
      }
    }
    String text = hosts.toString();
    if (!text.equals(lastHosts)) {
      // Written in place: every pod's /etc/hosts is a bind mount of this very file.
      Files.writeString(state.hostsFile(), text, StandardCharsets.UTF_8);
      lastHosts = text;
    }
  }
}
