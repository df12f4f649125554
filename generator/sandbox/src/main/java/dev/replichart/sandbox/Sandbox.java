package dev.replichart.sandbox;

import dev.replichart.kube.HelmRender;
import dev.replichart.kube.KubeObject;
import dev.replichart.plan.ChartDescription;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A running sandbox of one chart, as the CLI and the tests use it: {@link #up} assembles the parts
 * — {@link StateDirectory}, {@link ServiceNetwork}, {@link ApiStandIn}, {@link Supervisor} (the
 * lifecycle and the loop) and {@link Operations} — then the operations, then {@link #close()}
 * (which is {@code down}). Every method here only delegates.
 */
public final class Sandbox implements AutoCloseable {
  /** The prefix of every namespace and link the sandbox makes. */
  public static final String PREFIX = ServiceNetwork.PREFIX;

  /** Default state directory: outside every path a pod mounts over (/tmp, /run, /etc/mysql…). */
  public static final Path DEFAULT_STATE = Path.of("/var/tmp/replichart-sandbox");

  private final StateDirectory state;
  private final ApiStandIn api;
  private final Supervisor supervisor;
  private final Operations operations;

  private Sandbox(
      StateDirectory state, ApiStandIn api, Supervisor supervisor, Operations operations) {
    this.state = state;
    this.api = api;
    this.supervisor = supervisor;
    this.operations = operations;
  }

  /**
   * Renders the chart with real Helm and starts {@code replicas} pods of its StatefulSet.
   *
   * @throws SandboxException with {@link SandboxException#problems()} when the chart's values
   *     schema refuses the values files or the replica count (nothing is started or removed then)
   * @param stateDir where the sandbox keeps everything it makes (removed by {@link #close()})
   */
  public static Sandbox up(Path chartDir, List<Path> valuesFiles, int replicas, Path stateDir)
      throws IOException {
    // The input first, and rendered before the leftovers of any sandbox are removed: a value the
    // chart refuses must not cost a running sandbox.
    List<KubeObject> objects =
        KubeObject.parseAll(RenderInput.render(chartDir, valuesFiles, replicas));
    Prerequisites.check();
    ChartDescription description = readDescription(chartDir);
    down(stateDir);
    StateDirectory state = StateDirectory.create(stateDir, description);
    KubeObject sts =
        objects.stream()
            .filter(o -> o.kind().equals("StatefulSet"))
            .findFirst()
            .orElseThrow(() -> new SandboxException("the chart renders no StatefulSet"));
    PodTemplate template = PodTemplate.of(sts.node());
    state.writeConfigMapsAndSecrets(objects);
    state.checkVisibleTo(template);

    Certificates certificates =
        Certificates.create(state.root().resolve("pki"), ServiceNetwork.API);
    ApiStandIn api =
        new ApiStandIn(
            new Rbac(objects, HelmRender.NAMESPACE),
            certificates,
            state.root().resolve("api-audit.log"),
            objects.stream()
                .filter(o -> o.kind().equals("ConfigMap") || o.kind().equals("Lease"))
                .toList());
    for (KubeObject account : objects) {
      if (account.kind().equals("ServiceAccount")) {
        state.writeServiceAccount(
            account.name(), api.issueToken(account.name()), certificates.caCertificate());
      }
    }
    ServiceNetwork network =
        new ServiceNetwork(
            state, api, sts.node().path("spec").path("serviceName").asText(), objects);
    SandboxPod.Context podContext =
        new SandboxPod.Context(
            state,
            new ImagePrograms(description, state.imagesDir()),
            ServiceNetwork.API,
            ApiStandIn.PORT);
    Supervisor supervisor = new Supervisor(state, sts.name(), template, network, api, podContext);
    Sandbox sandbox =
        new Sandbox(
            state,
            api,
            supervisor,
            new Operations(supervisor, network, api, state, description, objects));
    boolean started = false;
    try {
      supervisor.start(replicas);
      started = true;
    } finally {
      if (!started) {
        sandbox.close();
      }
    }
    return sandbox;
  }

  private static ChartDescription readDescription(Path chartDir) {
    try {
      return ChartDescription.read(chartDir);
    } catch (IOException e) {
      throw new SandboxException(e.getMessage());
    }
  }

  /** The pods, by ordinal. */
  public List<String> podNames() {
    return supervisor.podNames();
  }

  /** Adds or removes pods at the highest ordinals; removed pods keep their volumes (as PVCs do). */
  public void scale(int replicas) throws IOException {
    operations.scale(replicas);
  }

  /**
   * What one run of a Job printed and how it ended.
   *
   * @param exitCode the exit code of its container, or -1 when it did not end within the timeout
   *     (it is stopped then)
   */
  public record JobRun(String name, int exitCode, String log) {}

  /**
   * Runs a Job created from the CronJob's job template, as {@code kubectl create job
   * --from=cronjob/…} does, in a pod of its own; waits for it to end.
   */
  public JobRun runJob(String cronJob, Duration timeout) throws IOException, InterruptedException {
    return runJob(cronJob, timeout, Map.of());
  }

  /**
   * Runs a Job as {@link #runJob(String, Duration)} does, with {@code env} set in its containers,
   * as {@code kubectl create job --from=cronjob/… --dry-run=client -o yaml | kubectl set env …}
   * sets it (e.g. {@link dev.replichart.kube.JobEnvironment#TARGET_POD}).
   */
  public JobRun runJob(String cronJob, Duration timeout, Map<String, String> env)
      throws IOException, InterruptedException {
    return operations.runJob(cronJob, timeout, env);
  }

  /** SIGKILL to every process of the pod; its containers are then restarted, as a kubelet does. */
  public void kill(String podName) {
    operations.kill(podName);
  }

  /** SIGKILL to one container of the pod (an OOM kill); the pod restarts it. */
  public void kill(String podName, String container) {
    operations.kill(podName, container);
  }

  /** Deletes and recreates the pod: init containers run again, emptyDirs start empty. */
  public void restart(String podName) throws IOException {
    operations.restart(podName);
  }

  /** Stops the pod and empties its volume (a lost disk); {@link #restart} brings it back. */
  public void wipe(String podName) throws IOException {
    operations.wipe(podName);
  }

  /** What {@link #partition(String, String)} and {@link #connects} call the API server. */
  public static final String API = Operations.API;

  /** Cuts the pod off the network (its side stays up: the pod sees no error, only silence). */
  public void partition(String podName) {
    operations.partition(podName);
  }

  /**
   * Cuts only the link between two pods, both ways, or with {@code from} = {@value #API} only the
   * pod's link to the API server (clients on the host still reach it); every other link stays up.
   * Each side sees silence, as in a real partition. The cut outlasts restarts of the pods (their
   * network stays); {@link #heal(String, String)} or {@link #heal(String)} restores it.
   */
  public void partition(String podName, String from) {
    operations.partition(podName, from);
  }

  /** Reconnects the pod: its own link and every link {@link #partition(String, String)} cut. */
  public void heal(String podName) {
    operations.heal(podName);
  }

  /** Restores the one link {@link #partition(String, String)} cut. */
  public void heal(String podName, String from) {
    operations.heal(podName, from);
  }

  /**
   * Whether a TCP connection from the pod's network reaches {@code to} within 2 s: another pod's
   * server port, or with {@code to} = {@value #API} the API server's.
   */
  public boolean connects(String fromPod, String to) {
    return operations.connects(fromPod, to);
  }

  /** Whether the pod's readiness probes pass. */
  public boolean isReady(String podName) {
    return supervisor.isReady(podName);
  }

  /** The Events about a pod, oldest first, as "TYPE REASON: MESSAGE". */
  public List<String> events(String podName) {
    return api.events(podName);
  }

  /** The pod's labels as the API stand-in holds them (the role label included). */
  public Map<String, String> labels(String podName) {
    return api.labels(podName);
  }

  /** The ready pods a Service selects now, as its DNS name resolves in the pods. */
  public List<String> endpoints(String service) {
    return supervisor.endpoints(service).stream().map(p -> p.name).toList();
  }

  public String ip(String podName) {
    return supervisor.pod(podName).ip;
  }

  public String statefulSet() {
    return supervisor.statefulSet();
  }

  public Path logFile(String podName, String container) {
    return supervisor.pod(podName).logFile(container);
  }

  /** The Unix socket of the pod's server (its run emptyDir), reachable from the host. */
  public Path socket(String podName) {
    return operations.socket(podName);
  }

  /** The value of a key of the chart's credentials Secret. */
  public String secret(String key) throws IOException {
    return state.secret(key);
  }

  /** The client Service that follows the primary (its selector picks the primary role label). */
  public String primaryService() {
    return operations.primaryService();
  }

  /** The account {@link #sql} and {@link WriteClient} use through a Service. */
  ChartDescription.Account clientAccount() {
    return operations.clientAccount();
  }

  /** {@code root@localhost}, which {@link #sql} uses on a pod's socket. */
  ChartDescription.Account rootAccount() {
    return operations.rootAccount();
  }

  ChartDescription.Ports ports() {
    return operations.ports();
  }

  /**
   * Runs SQL like a client would. A pod name connects as root through the pod's socket; a Service
   * name connects over the network to a pod the Service selects now, as the chart's application
   * user (or the operator account when the chart has none).
   */
  public Shell.Result sql(String target, String query) throws IOException {
    return operations.sql(target, query);
  }

  /** A one-line summary per pod: phase, readiness, role label, replication, restarts. */
  public List<String> status() {
    return operations.status();
  }

  /** "writable", "from POD io=Yes sql=Yes lag=0", "read-only, not replicating" or "down". */
  String replication(String podName) {
    return operations.replication(podName);
  }

  public Path stateDir() {
    return state.root();
  }

  /**
   * Supervises in the foreground until a {@code down} request arrives or the process is stopped:
   * answers the CLI's requests and prints the status when it changes.
   */
  public void serveUntilDown(PrintWriter out) throws IOException, InterruptedException {
    ExecutorService background =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "sandbox-request");
              t.setDaemon(true);
              return t;
            });
    try {
      String last = "";
      while (SandboxControl.serve(this, background)) {
        String status = String.join("\n", status());
        if (!status.equals(last)) {
          out.println(Instant.now() + "\n" + status);
          out.flush();
          last = status;
        }
        Thread.sleep(300);
      }
    } finally {
      background.shutdownNow();
    }
  }

  @Override
  public void close() {
    supervisor.close();
  }

  /**
   * Removes everything a sandbox made: processes in its namespaces, the namespaces, the bridge and
   * the state directory. Safe to run twice and after a crash (it finds leftovers by name).
   */
  public static void down(Path stateDir) {
    Supervisor.down(stateDir);
  }
}
