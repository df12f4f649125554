package dev.replichart.sandbox;

import dev.replichart.kube.KubeObject;
import dev.replichart.plan.ChartDescription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an operator does to a running sandbox, side by side: SQL as a client or as root, the status
 * and replication summary, scale, kill, restart, wipe, partition and heal a pod, and a Job run from
 * one of the chart's CronJobs. Accounts and the role label come from the chart's description.
 */
final class Operations {
  /** What {@link #partition(String, String)} calls the API server. */
  static final String API = "api";

  private final Supervisor supervisor;
  private final ServiceNetwork network;
  private final ApiStandIn api;
  private final StateDirectory state;
  private final ChartDescription description;
  private final Map<String, PodTemplate> cronJobs = new LinkedHashMap<>();
  private int jobRuns;

  Operations(
      Supervisor supervisor,
      ServiceNetwork network,
      ApiStandIn api,
      StateDirectory state,
      ChartDescription description,
      List<KubeObject> objects) {
    this.supervisor = supervisor;
    this.network = network;
    this.api = api;
    this.state = state;
    this.description = description;
    for (KubeObject o : objects) {
      if (o.kind().equals("CronJob")) {
        cronJobs.put(o.name(), PodTemplate.ofCronJob(o.node()));
      }
    }
  }

  /** Adds or removes pods at the highest ordinals; removed pods keep their volumes (as PVCs do). */
  void scale(int replicas) throws IOException {
    for (int i = supervisor.size(); i < replicas; i++) {
      supervisor.addPod(i);
    }
    for (int i = supervisor.size() - 1; i >= replicas; i--) {
      healCuts(supervisor.pods().get(i)); // a pod added later at this ordinal starts connected
      supervisor.removePod(i);
    }
  }

  /**
   * Runs a Job created from the CronJob's job template, as {@code kubectl create job
   * --from=cronjob/…} does, in a pod of its own, with {@code env} set in its containers; waits for
   * it to end.
   */
  Sandbox.JobRun runJob(String cronJob, Duration timeout, Map<String, String> env)
      throws IOException, InterruptedException {
    PodTemplate cronJobTemplate = cronJobs.get(cronJob);
    if (cronJobTemplate == null) {
      throw new SandboxException("no CronJob " + cronJob + "; the chart has " + cronJobs.keySet());
    }
    PodTemplate jobTemplate = cronJobTemplate.withEnv(env);
    int index;
    synchronized (this) {
      index = jobRuns++;
    }
    SandboxPod job =
        SandboxPod.ofJob(supervisor.podContext(), jobTemplate, cronJob + "-" + index, index);
    job.createNetwork();
    try {
      job.start();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (job.exitCode() < 0 && System.nanoTime() < deadline) {
        Thread.sleep(500);
      }
      StringBuilder log = new StringBuilder();
      for (PodTemplate.Container c : jobTemplate.containers()) {
        Path file = job.logFile(c.name());
        if (Files.exists(file)) {
          log.append(Files.readString(file, StandardCharsets.UTF_8));
        }
      }
      return new Sandbox.JobRun(job.name, job.exitCode(), log.toString());
    } finally {
      job.stop();
      job.deleteNetwork();
    }
  }

  /** SIGKILL to every process of the pod; its containers are then restarted, as a kubelet does. */
  void kill(String podName) {
    supervisor.pod(podName).killAll();
  }

  /** Kills one container of the pod; the pod restarts it. */
  void kill(String podName, String container) {
    supervisor.pod(podName).killContainer(container);
  }

  /** Deletes and recreates the pod: init containers run again, emptyDirs start empty. */
  void restart(String podName) throws IOException {
    supervisor.recreate(supervisor.pod(podName));
  }

  /** Stops the pod and empties its volume (a lost disk); {@link #restart} brings it back. */
  void wipe(String podName) throws IOException {
    SandboxPod pod = supervisor.pod(podName);
    supervisor.stop(pod);
    pod.deleteClaimVolumes();
  }

  /** Cuts the pod off the network (its side stays up: the pod sees no error, only silence). */
  void partition(String podName) {
    supervisor.pod(podName).partition();
  }

  /** Reconnects the pod: its link, and every link {@link #partition(String, String)} cut. */
  synchronized void heal(String podName) {
    SandboxPod pod = supervisor.pod(podName);
    pod.heal();
    healCuts(pod);
  }

  /**
   * Cuts the link between two pods, both ways, or with {@code from} = {@value #API} the pod's link
   * to the API server; every other link stays up. Each side sees silence, as in a real partition.
   */
  synchronized void partition(String podName, String from) {
    SandboxPod pod = supervisor.pod(podName);
    if (from.equals(API)) {
      pod.cut(API, ServiceNetwork.API);
      return;
    }
    SandboxPod peer = supervisor.pod(from);
    if (peer == pod) {
      throw new SandboxException("cannot cut " + podName + " from itself");
    }
    pod.cut(peer.name, peer.ip);
    peer.cut(pod.name, pod.ip);
  }

  /** Restores the link {@link #partition(String, String)} cut. */
  synchronized void heal(String podName, String from) {
    SandboxPod pod = supervisor.pod(podName);
    if (from.equals(API)) {
      pod.uncut(API);
      return;
    }
    SandboxPod peer = supervisor.pod(from);
    pod.uncut(peer.name);
    peer.uncut(pod.name);
  }

  private void healCuts(SandboxPod pod) {
    for (String peer : pod.cuts()) {
      pod.uncut(peer);
      if (!peer.equals(API)) {
        for (SandboxPod other : supervisor.pods()) {
          if (other.name.equals(peer)) {
            other.uncut(pod.name);
          }
        }
      }
    }
  }

  /**
   * Whether a TCP connection from the pod's network namespace reaches {@code to} within 2 s: a
   * pod's server port, or with {@code to} = {@value #API} the API server.
   */
  boolean connects(String fromPod, String to) {
    SandboxPod pod = supervisor.pod(fromPod);
    String address;
    int port;
    if (to.equals(API)) {
      address = ServiceNetwork.API;
      port = ApiStandIn.PORT;
    } else {
      address = supervisor.pod(to).ip;
      port = description.ports().mysql();
    }
    return Shell.run(
            List.of(
                "ip",
                "netns",
                "exec",
                pod.netns,
                "timeout",
                "2",
                "bash",
                "-c",
                "exec 3<>/dev/tcp/" + address + "/" + port),
            null,
            10)
        .ok();
  }

  /**
   * Runs SQL like a client would. A pod name connects as root through the pod's socket; a Service
   * name connects over the network to a pod the Service selects now, as the chart's application
   * user (or the operator account when the chart has none).
   */
  Shell.Result sql(String target, String query) throws IOException {
    List<String> command = new ArrayList<>(List.of("mariadb", "--connect-timeout=5", "-N", "-B"));
    ChartDescription.Account account;
    if (network.isService(target)) {
      List<SandboxPod> selected = supervisor.endpoints(target);
      if (selected.isEmpty()) {
        return new Shell.Result(1, "Service " + target + " has no ready endpoint");
      }
      account = clientAccount();
      command.addAll(List.of("--protocol=TCP", "-h", selected.get(0).ip));
    } else {
      account = account("root");
      command.add("--socket=" + socket(target));
    }
    command.addAll(
        List.of("-u", account.user(), "--password=" + state.secret(account.secretKey())));
    return Shell.run(command, query, 120);
  }

  /** The Unix socket of the pod's server (its run emptyDir), reachable from the host. */
  Path socket(String podName) {
    return supervisor.pod(podName).emptyDir("run").resolve("mysqld.sock");
  }

  /**
   * A one-line summary per pod: phase, readiness, role label, replication, restarts, and what of
   * its network is cut, when something is.
   */
  List<String> status() {
    List<String> lines = new ArrayList<>();
    for (SandboxPod pod : supervisor.pods()) {
      lines.add(
          String.format(
                  "%-16s %-15s %-10s ready=%-5s role=%-8s %-40s restarts=%s%s",
                  pod.name,
                  pod.ip,
                  pod.phase(),
                  supervisor.isReady(pod.name),
                  api.labels(pod.name).getOrDefault(description.roleLabel().key(), "-"),
                  replication(pod.name),
                  pod.restarts(),
                  pod.network().equals("ok") ? "" : " net: " + pod.network())
              + notReady(pod.name));
    }
    return lines;
  }

  /** The failed readiness probes' words (e.g. errant transactions), on a line's end. */
  private String notReady(String podName) {
    String because = supervisor.notReadyBecause(podName);
    return because.isEmpty() ? "" : " not ready: " + because.replace('\n', ' ');
  }

  /** "writable", "from POD io=Yes sql=Yes lag=0", "read-only, not replicating" or "down". */
  String replication(String podName) {
    if (!Files.exists(socket(podName))) {
      return "down";
    }
    try {
      ChartDescription.Account root = account("root");
      Shell.Result r =
          Shell.run(
              List.of(
                  "mariadb",
                  "--connect-timeout=3",
                  "-B",
                  "--socket=" + socket(podName),
                  "-u",
                  root.user(),
                  "--password=" + state.secret(root.secretKey())),
              "SELECT @@GLOBAL.read_only AS ro\\G\nSHOW SLAVE STATUS\\G\n",
              10);
      Map<String, String> fields = new HashMap<>();
      for (String line : r.output().split("\n")) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          fields.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
      }
      if ("0".equals(fields.get("ro"))) {
        return "writable";
      }
      if (!fields.containsKey("Master_Host")) {
        return r.ok() ? "read-only, not replicating" : "no answer";
      }
      return "from "
          + fields.get("Master_Host").split("\\.")[0]
          + " io="
          + fields.get("Slave_IO_Running")
          + " sql="
          + fields.get("Slave_SQL_Running")
          + " lag="
          + fields.get("Seconds_Behind_Master");
    } catch (IOException | RuntimeException e) {
      return "no answer";
    }
  }

  /** The client Service that follows the primary: the one whose selector picks the primary role. */
  String primaryService() {
    return network
        .servicesSelecting(description.roleLabel().key(), description.roleLabel().primary())
        .stream()
        .findFirst()
        .orElseThrow(() -> new SandboxException("the chart has no Service for the primary"));
  }

  ChartDescription.Account rootAccount() {
    return account("root");
  }

  ChartDescription.Ports ports() {
    return description.ports();
  }

  /** The account a client of the chart uses: the application's, else the operator's. */
  ChartDescription.Account clientAccount() {
    return description.account("application").orElseGet(() -> account("operator"));
  }

  private ChartDescription.Account account(String purpose) {
    return description
        .account(purpose)
        .orElseThrow(
            () ->
                new SandboxException(ChartDescription.FILE + " lists no " + purpose + " account"));
  }
}
