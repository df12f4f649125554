package dev.replichart.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replichart.Directories;
import dev.replichart.kube.HelmRender;
import dev.replichart.kube.KubeObject;
import dev.replichart.kube.Selectors;
import dev.replichart.plan.ChartDescription;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A running sandbox of one chart: its pods, the bridge they share, the Kubernetes API stand-in and
 * the loop that probes readiness and routes the client Services. Use {@link #up}, then the
 * operations, then {@link #close()} (which is {@code down}).
 */
public final class Sandbox implements AutoCloseable {
  public static final String PREFIX = "rcs-";
  static final String BRIDGE = PREFIX + "br";
  static final String SUBNET = "10.251.0";
  static final String GATEWAY = SUBNET + ".1";
  static final String NAMESPACE = HelmRender.NAMESPACE;
  static final int API_PORT = 16443;

  /** Default state directory: outside every path a pod mounts over (/tmp, /run, /etc/mysql…). */
  public static final Path DEFAULT_STATE = Path.of("/var/tmp/replichart-sandbox");

  /**
   * The API stand-in logs every request; the sandbox's own status says what matters. Held in a
   * field: java.util.logging forgets the level of a logger nobody references.
   */
  private static final java.util.logging.Logger FABRIC8_LOG =
      java.util.logging.Logger.getLogger("io.fabric8");

  static {
    FABRIC8_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path stateDir;
  private final ChartDescription description;
  private final ImagePrograms programs;
  private final PodTemplate template;
  private final String statefulSet;
  private final Map<String, Map<String, String>> serviceSelectors;
  private final Map<String, PodTemplate> cronJobs = new LinkedHashMap<>();
  private int jobRuns;
  private final String headlessService;
  private final Map<Integer, SandboxPod> pods = new ConcurrentHashMap<>();
  private final Map<String, Boolean> ready = new ConcurrentHashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private KubernetesMockServer api;
  private ScheduledExecutorService loop;
  private String lastHosts = "";

  private Sandbox(Path stateDir, ChartDescription description, List<KubeObject> objects)
      throws IOException {
    this.stateDir = stateDir;
    this.description = description;
    this.programs = new ImagePrograms(description, stateDir.resolve("images"));
    KubeObject sts =
        objects.stream()
            .filter(o -> o.kind().equals("StatefulSet"))
            .findFirst()
            .orElseThrow(() -> new SandboxException("the chart renders no StatefulSet"));
    this.statefulSet = sts.name();
    this.template = PodTemplate.of(sts.node());
    this.headlessService = sts.node().path("spec").path("serviceName").asText();
    this.serviceSelectors = new LinkedHashMap<>();
    for (KubeObject o : objects) {
      switch (o.kind()) {
        case "ConfigMap" -> writeConfigMap(o);
        case "Secret" -> writeSecret(o);
        case "CronJob" -> cronJobs.put(o.name(), PodTemplate.ofCronJob(o.node()));
        case "Service" ->
            serviceSelectors.put(o.name(), Selectors.toMap(o.node().path("spec").path("selector")));
        default -> {}
      }
    }
  }

  /**
   * Renders the chart with real Helm and starts {@code replicas} pods of its StatefulSet.
   *
   * @param stateDir where the sandbox keeps everything it makes (removed by {@link #close()})
   */
  public static Sandbox up(Path chartDir, List<Path> valuesFiles, int replicas, Path stateDir)
      throws IOException {
    Prerequisites.check();
    ChartDescription description = readDescription(chartDir);
    down(stateDir);
    Files.createDirectories(stateDir);
    // The CLI's commands that do not ask the running sandbox (logs) read the chart's facts here.
    Files.writeString(
        stateDir.resolve(ChartDescription.FILE), description.toJson(), StandardCharsets.UTF_8);
    List<KubeObject> objects =
        KubeObject.parseAll(
            HelmRender.render(
                chartDir, valuesFiles, Map.of("replicaCount", String.valueOf(replicas))));
    Sandbox sandbox = new Sandbox(stateDir, description, objects);
    sandbox.checkStateDirIsVisible();
    boolean started = false;
    try {
      sandbox.start(replicas);
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

  private void start(int replicas) throws IOException {
    Files.createDirectories(SandboxControl.dir(stateDir));
    writeServiceAccount();
    Files.writeString(hostsFile(), "127.0.0.1 localhost\n", StandardCharsets.UTF_8);
    // Names the hosts file lacks fail at once, as cluster DNS answers NXDOMAIN for a pod that
    // does not exist (nothing listens on the pod's own port 53).
    Files.writeString(
        resolvConf(),
        "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n",
        StandardCharsets.UTF_8);
    Shell.must("ip", "link", "add", BRIDGE, "type", "bridge");
    Shell.must("ip", "addr", "add", GATEWAY + "/24", "dev", BRIDGE);
    Shell.must("ip", "link", "set", BRIDGE, "up");
    api =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    api.init(InetAddress.getByName(GATEWAY), API_PORT);
    for (int i = 0; i < replicas; i++) {
      addPod(i);
    }
    loop =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "sandbox-loop");
              t.setDaemon(true);
              return t;
            });
    loop.scheduleWithFixedDelay(this::tick, 1, 2, TimeUnit.SECONDS);
  }

  // --- operations ------------------------------------------------------------------------------

  /** The pods, by ordinal. */
  public List<String> podNames() {
    return pods.values().stream().sorted((a, b) -> a.ordinal - b.ordinal).map(p -> p.name).toList();
  }

  /** Adds or removes pods at the highest ordinals; removed pods keep their volumes (as PVCs do). */
  public void scale(int replicas) throws IOException {
    for (int i = pods.size(); i < replicas; i++) {
      addPod(i);
    }
    for (int i = pods.size() - 1; i >= replicas; i--) {
      SandboxPod pod = pods.remove(i);
      pod.stop();
      pod.deleteNetwork();
      apiDelete(pod.name);
      ready.remove(pod.name);
    }
  }

  /** What one run of a Job printed and how it ended. */
  public record JobRun(String name, int exitCode, String log) {}

  /**
   * Runs a Job created from the CronJob's job template, as {@code kubectl create job
   * --from=cronjob/…} does, in a pod of its own; waits for it to end.
   */
  public JobRun runJob(String cronJob, Duration timeout) throws IOException, InterruptedException {
    PodTemplate jobTemplate = cronJobs.get(cronJob);
    if (jobTemplate == null) {
      throw new SandboxException("no CronJob " + cronJob + "; the chart has " + cronJobs.keySet());
    }
    int index = jobRuns++;
    SandboxPod job = new SandboxPod(this, jobTemplate, cronJob + "-" + index, index);
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
      return new JobRun(job.name, job.exitCode(), log.toString());
    } finally {
      job.stop();
      job.deleteNetwork();
    }
  }

  /** SIGKILL to every process of the pod; its containers are then restarted, as a kubelet does. */
  public void kill(String podName) {
    pod(podName).killAll();
  }

  /** Deletes and recreates the pod: init containers run again, emptyDirs start empty. */
  public void restart(String podName) throws IOException {
    SandboxPod pod = pod(podName);
    pod.stop();
    ready.put(pod.name, false);
    apiDelete(pod.name);
    apiCreate(pod);
    pod.start();
  }

  /** Stops the pod and empties its volume (a lost disk); {@link #restart} brings it back. */
  public void wipe(String podName) throws IOException {
    SandboxPod pod = pod(podName);
    pod.stop();
    ready.put(pod.name, false);
    for (Map.Entry<String, PodTemplate.Volume> v : template.volumes().entrySet()) {
      if (v.getValue().kind().equals("claim")) {
        Directories.deleteTree(pod.volumeDir(v.getKey()));
      }
    }
  }

  public void partition(String podName) {
    pod(podName).partition();
  }

  public void heal(String podName) {
    pod(podName).heal();
  }

  /** Whether the pod's readiness probes pass. */
  public boolean isReady(String podName) {
    return ready.getOrDefault(podName, false);
  }

  /** The pod's labels as the API stand-in holds them (the role label included). */
  public Map<String, String> labels(String podName) {
    JsonNode pod = apiGet(podName);
    return pod == null ? new TreeMap<>() : Selectors.toMap(pod.path("metadata").path("labels"));
  }

  /** The ready pods a Service selects now, as its DNS name resolves in the pods. */
  public List<String> endpoints(String service) {
    Map<String, String> selector = serviceSelectors.get(service);
    if (selector == null) {
      throw new SandboxException(
          "no Service " + service + "; the chart has " + serviceSelectors.keySet());
    }
    List<String> out = new ArrayList<>();
    for (String name : podNames()) {
      if (Selectors.matches(selector, labels(name))
          && (isReady(name) || service.equals(headlessService))) {
        out.add(name);
      }
    }
    return out;
  }

  public String ip(String podName) {
    return pod(podName).ip;
  }

  public String statefulSet() {
    return statefulSet;
  }

  public Path logFile(String podName, String container) {
    return pod(podName).logFile(container);
  }

  /** The Unix socket of the pod's server (its run emptyDir), reachable from the host. */
  public Path socket(String podName) {
    return pod(podName).emptyDir("run").resolve("mysqld.sock");
  }

  /** The value of a key of the chart's credentials Secret. */
  public String secret(String key) throws IOException {
    try (var dirs = Files.list(stateDir.resolve("secrets"))) {
      for (Path dir : dirs.toList()) {
        if (Files.exists(dir.resolve(key))) {
          return Files.readString(dir.resolve(key), StandardCharsets.UTF_8);
        }
      }
    }
    throw new SandboxException("no Secret key " + key);
  }

  /**
   * Runs SQL like a client would. A pod name connects as root through the pod's socket; a Service
   * name connects over the network to a pod the Service selects now, as the chart's application
   * user (or the operator account when the chart has none).
   */
  public Shell.Result sql(String target, String query) throws IOException {
    List<String> command = new ArrayList<>(List.of("mariadb", "--connect-timeout=5", "-N", "-B"));
    ChartDescription.Account account;
    if (serviceSelectors.containsKey(target)) {
      List<String> selected = endpoints(target);
      if (selected.isEmpty()) {
        return new Shell.Result(1, "Service " + target + " has no ready endpoint");
      }
      account = clientAccount();
      command.addAll(List.of("--protocol=TCP", "-h", ip(selected.get(0))));
    } else {
      account = account("root");
      command.add("--socket=" + socket(target));
    }
    command.addAll(List.of("-u", account.user(), "--password=" + secret(account.secretKey())));
    return Shell.run(command, query, 120);
  }

  /** The account a client of the chart uses: the application's, else the operator's. */
  private ChartDescription.Account clientAccount() {
    return description.account("application").orElseGet(() -> account("operator"));
  }

  private ChartDescription.Account account(String purpose) {
    return description
        .account(purpose)
        .orElseThrow(
            () ->
                new SandboxException(ChartDescription.FILE + " lists no " + purpose + " account"));
  }

  /** A one-line summary per pod: phase, readiness, role label, replication, restarts. */
  public List<String> status() {
    List<String> lines = new ArrayList<>();
    for (String name : podNames()) {
      SandboxPod pod = pod(name);
      lines.add(
          String.format(
              "%-16s %-15s %-10s ready=%-5s role=%-8s %-40s restarts=%s",
              name,
              pod.ip,
              pod.phase(),
              isReady(name),
              labels(name).getOrDefault(description.roleLabel().key(), "-"),
              replication(name),
              pod.restarts()));
    }
    return lines;
  }

  /** "writable", "from POD io=Yes sql=Yes lag=0", "read-only, not replicating" or "down". */
  String replication(String podName) {
    if (!Files.exists(socket(podName))) {
      return "down";
    }
    try {
      Shell.Result r =
          Shell.run(
              List.of(
                  "mariadb",
                  "--connect-timeout=3",
                  "-B",
                  "--socket=" + socket(podName),
                  "-u",
                  account("root").user(),
                  "--password=" + secret(account("root").secretKey())),
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

  public Path stateDir() {
    return stateDir;
  }

  /**
   * Supervises in the foreground until a {@code down} request arrives or the process is stopped:
   * answers the CLI's requests and prints the status when it changes.
   */
  public void serveUntilDown(java.io.PrintWriter out) throws IOException, InterruptedException {
    String last = "";
    while (SandboxControl.serve(this)) {
      String status = String.join("\n", status());
      if (!status.equals(last)) {
        out.println(java.time.Instant.now() + "\n" + status);
        out.flush();
        last = status;
      }
      Thread.sleep(300);
    }
  }

  @Override
  public void close() {
    if (loop != null) {
      loop.shutdownNow();
    }
    for (SandboxPod pod : pods.values()) {
      pod.stop();
    }
    if (api != null) {
      api.destroy();
    }
    down(stateDir);
  }

  /**
   * Removes everything a sandbox made: processes in its namespaces, the namespaces, the bridge and
   * the state directory. Safe to run twice and after a crash (it finds leftovers by name).
   */
  public static void down(Path stateDir) {
    Shell.Result list = Shell.run("ip", "netns", "list");
    for (String line : list.output().split("\n")) {
      String ns = line.split("\\s+")[0];
      if (ns.startsWith(PREFIX)) {
        killAllIn(ns);
        Shell.run("ip", "netns", "del", ns);
      }
    }
    Shell.Result links = Shell.run("ip", "-o", "link", "show");
    for (String line : links.output().split("\n")) {
      String[] parts = line.split(":\\s+");
      if (parts.length > 1) {
        String link = parts[1].split("@")[0];
        if (link.startsWith(PREFIX)) {
          Shell.run("ip", "link", "del", link);
        }
      }
    }
    try {
      Directories.deleteTree(stateDir);
    } catch (IOException e) {
      throw new SandboxException("cannot remove " + stateDir + ": " + e.getMessage());
    }
  }

  /** SIGKILL to every process of a namespace, then waits (10 s at most) until none is left. */
  static void killAllIn(String netns) {
    for (int round = 0; round < 50; round++) {
      List<String> pids = new ArrayList<>();
      for (String pid : Shell.run("ip", "netns", "pids", netns).output().split("\\s+")) {
        if (pid.matches("\\d+")) {
          pids.add(pid);
        }
      }
      if (pids.isEmpty()) {
        return;
      }
      for (String pid : pids) {
        Shell.run("kill", "-9", pid);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  // --- internals -------------------------------------------------------------------------------

  /** Pods bind volumes over paths like /tmp; the state directory must not lie below one. */
  private void checkStateDirIsVisible() {
    Path state = stateDir.toAbsolutePath().normalize();
    for (PodTemplate.Container c :
        java.util.stream.Stream.concat(
                template.initContainers().stream(), template.containers().stream())
            .toList()) {
      for (PodTemplate.Mount m : c.mounts()) {
        if (state.startsWith(Path.of(m.path()))) {
          throw new SandboxException(
              "the state directory "
                  + state
                  + " lies below "
                  + m.path()
                  + ", which container "
                  + c.name()
                  + " mounts over; use --state elsewhere (default "
                  + DEFAULT_STATE
                  + ")");
        }
      }
    }
  }

  PodTemplate template() {
    return template;
  }

  Path hostsFile() {
    return stateDir.resolve("hosts");
  }

  Path resolvConf() {
    return stateDir.resolve("resolv.conf");
  }

  Path serviceAccountDir() {
    return stateDir.resolve("serviceaccount");
  }

  Path configMapDir(String name) {
    return stateDir.resolve("configmaps").resolve(name);
  }

  Path secretDir(String name) {
    return stateDir.resolve("secrets").resolve(name);
  }

  String apiUrl() {
    return "http://" + GATEWAY + ":" + API_PORT;
  }

  /** The PATH directory of a container: its image's programs. */
  Path binDir(String container) {
    return programs.binDir(container);
  }

  void chownToPodUser(Path path) {
    Shell.must("chown", template.runAsUser() + ":" + template.runAsGroup(), path.toString());
  }

  private SandboxPod pod(String name) {
    return pods.values().stream()
        .filter(p -> p.name.equals(name))
        .findFirst()
        .orElseThrow(() -> new SandboxException("no pod " + name + "; pods: " + podNames()));
  }

  private void addPod(int ordinal) throws IOException {
    SandboxPod pod = new SandboxPod(this, ordinal);
    pod.createNetwork();
    pods.put(ordinal, pod);
    ready.put(pod.name, false);
    writeHosts();
    apiCreate(pod);
    pod.start();
  }

  /** Probes, API-side deletions (the failover Job fencing a pod), Service routing. */
  private void tick() {
    try {
      for (SandboxPod pod : List.copyOf(pods.values())) {
        if (pods.get(pod.ordinal) != pod) {
          continue;
        }
        if (apiGet(pod.name) == null && "Running".equals(pod.phase())) {
          restart(pod.name);
          continue;
        }
        boolean podReady = "Running".equals(pod.phase());
        for (PodTemplate.Container c : template.containers()) {
          podReady &= pod.probe(c);
        }
        ready.put(pod.name, podReady);
      }
      writeHosts();
    } catch (IOException | RuntimeException e) {
      // the next tick tries again; a sandbox loop must not die
    }
  }

  /** /etc/hosts of every pod: pod names and, for each Service, the pods it selects now. */
  private synchronized void writeHosts() throws IOException {
    StringBuilder hosts = new StringBuilder("127.0.0.1 localhost\n");
    for (String name : podNames()) {
      SandboxPod pod = pod(name);
      String fqdn = name + "." + headlessService + "." + NAMESPACE + ".svc.cluster.local";
      hosts
          .append(pod.ip)
          .append(' ')
          .append(fqdn)
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
      for (String name : endpoints(service)) {
        hosts
            .append(ip(name))
            .append(' ')
            .append(service)
            .append(' ')
            .append(service)
            .append('.')
            .append(NAMESPACE)
            .append(".svc.cluster.local\n");
      }
    }
    String text = hosts.toString();
    if (!text.equals(lastHosts)) {
      // Written in place: every pod's /etc/hosts is a bind mount of this very file.
      Files.writeString(hostsFile(), text, StandardCharsets.UTF_8);
      lastHosts = text;
    }
  }

  private void writeConfigMap(KubeObject o) throws IOException {
    Path dir = configMapDir(o.name());
    Files.createDirectories(dir);
    Iterator<Map.Entry<String, JsonNode>> data = o.node().path("data").fields();
    while (data.hasNext()) {
      Map.Entry<String, JsonNode> e = data.next();
      Files.writeString(dir.resolve(e.getKey()), e.getValue().asText(), StandardCharsets.UTF_8);
    }
  }

  private void writeSecret(KubeObject o) throws IOException {
    Path dir = secretDir(o.name());
    Files.createDirectories(dir);
    Iterator<Map.Entry<String, JsonNode>> data = o.node().path("data").fields();
    while (data.hasNext()) {
      Map.Entry<String, JsonNode> e = data.next();
      Path file = dir.resolve(e.getKey());
      Files.write(file, Base64.getDecoder().decode(e.getValue().asText()));
    }
    Shell.must("chmod", "-R", "a+rX", dir.toString());
  }

  private void writeServiceAccount() throws IOException {
    Path dir = serviceAccountDir();
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("token"), "sandbox-token\n");
    Files.writeString(dir.resolve("ca.crt"), "");
    Files.writeString(dir.resolve("namespace"), NAMESPACE);
    Shell.must("chmod", "-R", "a+rX", dir.toString());
  }

  private String podsUrl() {
    return apiUrl() + "/api/v1/namespaces/" + NAMESPACE + "/pods";
  }

  private void apiCreate(SandboxPod pod) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("apiVersion", "v1").put("kind", "Pod");
    ObjectNode metadata = body.putObject("metadata");
    metadata.put("name", pod.name).put("namespace", NAMESPACE);
    ObjectNode labels = metadata.putObject("labels");
    template.labels().forEach(labels::put);
    body.putObject("status").put("podIP", pod.ip);
    send(
        HttpRequest.newBuilder(URI.create(podsUrl()))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
  }

  private void apiDelete(String name) throws IOException {
    send(HttpRequest.newBuilder(URI.create(podsUrl() + "/" + name)).DELETE());
  }

  private JsonNode apiGet(String name) {
    try {
      HttpResponse<String> r =
          send(HttpRequest.newBuilder(URI.create(podsUrl() + "/" + name)).GET());
      return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    } catch (IOException e) {
      return null;
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
    try {
      return http.send(
          request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
