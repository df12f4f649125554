package dev.replichart.sandbox;

import dev.replichart.Directories;
import dev.replichart.kube.HelmRender;
import dev.replichart.sandbox.PodTemplate.Container;
import dev.replichart.sandbox.PodTemplate.Mount;
import dev.replichart.sandbox.PodTemplate.Volume;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One pod: its network namespace and address, its directories (volume, emptyDirs, logs), and a
 * runner thread that behaves like a kubelet for it — init containers in order until each exits 0,
 * then the containers, each restarted when it exits.
 */
final class SandboxPod {
  /** Directories that may be covered by a private tmpfs to create mount points below them. */
  private static final List<String> COVERABLE = List.of("/run", "/etc/mysql", "/opt", "/srv");

  /** A locally administered unicast hardware address no interface of the sandbox has. */
  private static final String NOWHERE = "02:72:63:73:00:00";

  final int ordinal;
  final String name;
  final String ip;
  final String netns;
  final String hostVeth;
  private final Context context;
  private final PodTemplate template;
  private final boolean runOnce;
  private volatile int exitCode = -1;
  private final Path dir;
  private final Map<String, Process> running = new LinkedHashMap<>();
  private final Map<String, Integer> restarts = new LinkedHashMap<>();

  /** Containers started at least once since the pod started: a later start is a restart. */
  private final Set<String> started = new LinkedHashSet<>();

  private volatile boolean stopping;
  private volatile boolean partitioned;

  /** Peers the pod's packets do not reach now, with their addresses. */
  private final Map<String, String> cuts = Collections.synchronizedMap(new LinkedHashMap<>());

  private volatile String phase = "Pending";
  private Thread runner;

  /**
   * What every pod of one sandbox shares: the state directory (hosts file, ConfigMap and Secret
   * files, service account), the PATH of each container, and the API stand-in's URL.
   */
  record Context(StateDirectory state, ImagePrograms programs, String apiHost, int apiPort) {}

  /** A pod of the StatefulSet: containers are restarted when they exit. */
  static SandboxPod ofStatefulSet(
      Context context, PodTemplate template, String statefulSet, int ordinal) {
    return new SandboxPod(
        context, template, statefulSet + "-" + ordinal, ordinal, "pod-", 10 + ordinal, false);
  }

  /** A Job's pod (restartPolicy Never): its containers run once; see {@link #exitCode()}. */
  static SandboxPod ofJob(Context context, PodTemplate template, String name, int index) {
    return new SandboxPod(context, template, name, index, "job-", jobHost(index), true);
  }

  /** The first of the host numbers Job pods take in the sandbox's /24, and how many there are. */
  static final int FIRST_JOB_HOST = 200;

  static final int JOB_HOSTS = 50;

  /**
   * The host number of the Job with this index. A Job's network is removed when it ends, so the
   * numbers are reused in turn: Job 50 takes Job 0's. They used to run on without end, and the 56th
   * Job of a sandbox (a long FailoverBench) asked for 10.251.0.256 and failed.
   */
  static int jobHost(int index) {
    return FIRST_JOB_HOST + index % JOB_HOSTS;
  }

  private SandboxPod(
      Context context,
      PodTemplate template,
      String name,
      int index,
      String kind,
      int host,
      boolean runOnce) {
    this.context = context;
    this.template = template;
    this.runOnce = runOnce;
    this.ordinal = index;
    this.name = name;
    this.ip = ServiceNetwork.SUBNET + "." + host;
    this.netns = ServiceNetwork.PREFIX + kind + index;
    this.hostVeth = ServiceNetwork.PREFIX + (runOnce ? "j" : "v") + index;
    this.dir = context.state().podDir(name);
  }

  /** A run-once pod's exit code (of its last container), or -1 while it runs. */
  int exitCode() {
    return exitCode;
  }

  Path volumeDir(String volume) {
    return dir.resolve("volumes").resolve(volume);
  }

  Path emptyDir(String volume) {
    return dir.resolve("emptydir").resolve(volume);
  }

  Path logFile(String container) {
    return dir.resolve("logs").resolve(container + ".log");
  }

  String phase() {
    return phase;
  }

  synchronized Map<String, Integer> restarts() {
    return new LinkedHashMap<>(restarts);
  }

  /** The process of a running container, or null. */
  synchronized Process process(String container) {
    Process p = running.get(container);
    return p != null && p.isAlive() ? p : null;
  }

  /** Creates the network namespace with its veth on the bridge. */
  void createNetwork() {
    Shell.must("ip", "netns", "add", netns);
    Shell.must(
        "ip", "link", "add", hostVeth, "type", "veth", "peer", "name", "eth0", "netns", netns);
    Shell.must("ip", "link", "set", hostVeth, "master", ServiceNetwork.BRIDGE, "up");
    Shell.must("ip", "-n", netns, "addr", "add", ip + "/24", "dev", "eth0");
    Shell.must("ip", "-n", netns, "link", "set", "eth0", "up");
    Shell.must("ip", "-n", netns, "link", "set", "lo", "up");
    Shell.must("ip", "-n", netns, "route", "add", "default", "via", ServiceNetwork.GATEWAY);
  }

  void deleteNetwork() {
    Shell.run("ip", "link", "del", hostVeth);
    Shell.run("ip", "netns", "del", netns);
  }

  /** Cuts the pod off the network (its side stays up: the pod sees no error, only silence). */
  void partition() {
    Shell.must("ip", "link", "set", hostVeth, "down");
    partitioned = true;
  }

  /** Reconnects the pod's link; the cuts of single peers ({@link #cut}) stay. */
  void heal() {
    Shell.must("ip", "link", "set", hostVeth, "up");
    partitioned = false;
  }

  /**
   * Stops the pod's packets to one address: a permanent neighbour entry in the pod's namespace
   * sends them to {@link #NOWHERE}, a hardware address no interface has, so they vanish on the
   * bridge. The pod sees silence (a connection attempt times out), as in a real partition; a
   * blackhole route would fail its connect at once instead. Cut both ends to cut a link both ways.
   *
   * @param peer what the address is (a pod's name, or "api") for {@link #cuts()}
   */
  void cut(String peer, String address) {
    Shell.must(
        "ip",
        "-n",
        netns,
        "neigh",
        "replace",
        address,
        "lladdr",
        NOWHERE,
        "dev",
        "eth0",
        "nud",
        "permanent");
    cuts.put(peer, address);
  }

  /** Restores the pod's packets to {@code peer}'s address: its neighbour is resolved again. */
  void uncut(String peer) {
    String address = cuts.remove(peer);
    if (address != null) {
      Shell.run("ip", "-n", netns, "neigh", "del", address, "dev", "eth0");
    }
  }

  /** The peers (pod names, "api") the pod's packets do not reach, in the order they were cut. */
  List<String> cuts() {
    synchronized (cuts) {
      return List.copyOf(cuts.keySet());
    }
  }

  /**
   * Whether the pod's kubelet would hear from the API server: not when the pod is partitioned or
   * cut from the API. A pod deleted at the API keeps running until it does, as on a partitioned
   * node, where the old pod stays Terminating and the StatefulSet waits for it.
   */
  boolean reachesApi() {
    return !partitioned && !cuts().contains(Sandbox.API);
  }

  /** "ok", "partitioned", "cut from db-1,api" or both. */
  String network() {
    List<String> peers = cuts();
    if (!partitioned && peers.isEmpty()) {
      return "ok";
    }
    String cut = peers.isEmpty() ? "" : "cut from " + String.join(",", peers);
    return partitioned ? (cut.isEmpty() ? "partitioned" : "partitioned, " + cut) : cut;
  }

  /** Starts the pod: fresh emptyDirs, then init containers and containers on the runner thread. */
  synchronized void start() throws IOException {
    stopping = false;
    started.clear();
    for (Map.Entry<String, Volume> v : template.volumes().entrySet()) {
      if (v.getValue().kind().equals("emptyDir")) {
        Path empty = emptyDir(v.getKey());
        Directories.deleteTree(empty);
        Files.createDirectories(empty);
        chownToPodUser(empty);
      } else if (v.getValue().kind().equals("claim")) {
        Files.createDirectories(volumeDir(v.getKey()));
        chownToPodUser(volumeDir(v.getKey()));
      }
    }
    Files.createDirectories(dir.resolve("logs"));
    runner = new Thread(this::run, "pod-" + name);
    runner.setDaemon(true);
    runner.start();
  }

  /** Empties the pod's claim volumes (a lost disk); stop the pod first. */
  void deleteClaimVolumes() throws IOException {
    for (Map.Entry<String, Volume> v : template.volumes().entrySet()) {
      if (v.getValue().kind().equals("claim")) {
        Directories.deleteTree(volumeDir(v.getKey()));
      }
    }
  }

  private void chownToPodUser(Path path) {
    Shell.must("chown", template.runAsUser() + ":" + template.runAsGroup(), path.toString());
  }

  /** Kills every process of the pod and stops the runner; volumes stay. */
  void stop() {
    Thread t;
    synchronized (this) {
      stopping = true;
      t = runner;
    }
    killAll();
    if (t != null) {
      t.interrupt();
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    killAll();
    List<Process> processes;
    synchronized (this) {
      processes = new ArrayList<>(running.values());
    }
    for (Process p : processes) {
      try {
        p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    phase = "Stopped";
  }

  /** SIGKILL to every process in the pod's network namespace (what a node crash does). */
  void killAll() {
    Supervisor.killAllIn(netns);
  }

  /**
   * SIGKILL to one running container, children included (an OOM kill or a failed liveness probe);
   * the pod restarts it as a kubelet would.
   */
  void killContainer(String container) {
    Process p;
    synchronized (this) {
      p = running.get(container);
    }
    if (p == null || !p.isAlive()) {
      throw new SandboxException(
          "container "
              + container
              + " of "
              + name
              + " is not running; running: "
              + running.keySet());
    }
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }

  private void run() {
    try {
      List<Container> inits = template.initContainers();
      for (int i = 0; i < inits.size(); i++) {
        phase = "Init:" + i + "/" + inits.size();
        while (!stopping) {
          Process p = launch(inits.get(i));
          int code = p.waitFor();
          synchronized (this) {
            running.remove(inits.get(i).name());
          }
          if (code == 0 || stopping) {
            break;
          }
          count(inits.get(i).name());
          Thread.sleep(3_000);
        }
      }
      phase = "Running";
      if (runOnce) {
        int code = 0;
        for (Container c : template.containers()) {
          code = launch(c).waitFor();
        }
        exitCode = code;
        phase = code == 0 ? "Succeeded" : "Failed";
        return;
      }
      while (!stopping) {
        for (Container c : template.containers()) {
          if (process(c.name()) == null && !stopping) {
            if (!started.add(c.name())) {
              count(c.name());
            }
            launch(c);
          }
        }
        Thread.sleep(1_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      phase = "Failed: " + e.getMessage();
    }
  }

  private synchronized void count(String container) {
    restarts.merge(container, 1, Integer::sum);
  }

  private synchronized Process launch(Container c) throws IOException {
    Path launcher = writeLauncher(c);
    List<String> command =
        new ArrayList<>(
            List.of(
                "ip",
                "netns",
                "exec",
                netns,
                "unshare",
                "--mount",
                "--uts",
                "--propagation",
                "private",
                "sh",
                launcher.toString()));
    command.addAll(c.command());
    Path log = logFile(c.name());
    Files.writeString(
        log,
        "",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    running.put(c.name(), p);
    return p;
  }

  /**
   * The launcher of one container: private tmpfs over directories where mount points must be made,
   * the pod's volumes bound at the paths the pod spec names, its hostname, then the command as the
   * pod's user with only its image's programs on the PATH.
   */
  private Path writeLauncher(Container c) throws IOException {
    StringBuilder sh = new StringBuilder("set -eu\n");
    Map<String, String> binds = new LinkedHashMap<>();
    for (Mount m : c.mounts()) {
      binds.put(m.path(), source(m.volume()).toString() + (m.readOnly() ? " ro" : ""));
    }
    binds.put("/etc/hosts", context.state().hostsFile().toString());
    binds.put("/etc/resolv.conf", context.state().resolvConf().toString());
    binds.put(
        "/var/run/secrets/kubernetes.io/serviceaccount",
        context.state().serviceAccountDir(template.serviceAccount()).toString() + " ro");
    Set<String> covers = new LinkedHashSet<>();
    for (String path : binds.keySet()) {
      String real =
          path.startsWith("/var/run/") ? "/run/" + path.substring("/var/run/".length()) : path;
      if (!Files.exists(Path.of(real))) {
        covers.add(
            COVERABLE.stream()
                .filter(real::startsWith)
                .findFirst()
                .orElseThrow(
                    () ->
                        new SandboxException(
                            "cannot make the mount point " + path + " in the sandbox")));
      }
    }
    for (String cover : covers) {
      sh.append("mount -t tmpfs -o mode=755 tmpfs ").append(cover).append('\n');
    }
    for (Map.Entry<String, String> b : binds.entrySet()) {
      String[] source = b.getValue().split(" ");
      String target = b.getKey();
      if (Files.isDirectory(Path.of(source[0]))) {
        sh.append("mkdir -p ").append(target).append('\n');
      }
      sh.append("mount --bind ").append(source[0]).append(' ').append(target).append('\n');
      if (source.length > 1) {
        sh.append("mount -o remount,bind,ro ").append(target).append('\n');
      }
    }
    sh.append("hostname ").append(name).append('\n');
    sh.append("exec setpriv --reuid=")
        .append(template.runAsUser())
        .append(" --regid=")
        .append(template.runAsGroup())
        .append(" --clear-groups env -i");
    for (Map.Entry<String, String> e : environment(c).entrySet()) {
      sh.append(' ').append(quote(e.getKey() + "=" + e.getValue()));
    }
    sh.append(" \"$@\"\n");
    Path launcher = dir.resolve("launch-" + c.name() + ".sh");
    Files.writeString(launcher, sh.toString(), StandardCharsets.UTF_8);
    return launcher;
  }

  Map<String, String> environment(Container c) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", context.programs().binDir(c.name()).toString());
    env.put("HOME", "/tmp");
    env.put("TMPDIR", "/tmp");
    env.put("HOSTNAME", name);
    // What the kubelet tells every container about the API server.
    env.put("KUBERNETES_SERVICE_HOST", context.apiHost());
    env.put("KUBERNETES_SERVICE_PORT", String.valueOf(context.apiPort()));
    c.env()
        .forEach(
            (key, value) ->
                env.put(
                    key,
                    value.fieldPath() == null
                        ? value.value()
                        : switch (value.fieldPath()) {
                          case "metadata.name" -> name;
                          case "metadata.namespace" -> HelmRender.NAMESPACE;
                          case "status.podIP" -> ip;
                          default ->
                              throw new SandboxException(
                                  "fieldRef " + value.fieldPath() + " is not offered");
                        }));
    return env;
  }

  private Path source(String volume) {
    Volume v = template.volumes().get(volume);
    if (v == null) {
      throw new SandboxException("container mounts unknown volume " + volume);
    }
    return switch (v.kind()) {
      case "configMap" -> context.state().configMapDir(v.source());
      case "secret" -> context.state().secretDir(v.source());
      case "emptyDir" -> emptyDir(volume);
      default -> volumeDir(volume);
    };
  }

  /**
   * What a readiness probe said: whether it passed and, when not, its output (what {@code kubectl
   * describe pod} shows as "Readiness probe failed: …").
   */
  record Probe(boolean ready, String message) {
    static final Probe PASSED = new Probe(true, "");
  }

  /**
   * Runs one of a container's probes inside its namespaces, once; passed when it exits 0 within the
   * probe's {@code timeoutSeconds}. A container without the probe is the caller's case.
   */
  Probe probe(Container c, PodTemplate.Probe probe) {
    Process p = process(c.name());
    if (p == null) {
      return new Probe(false, c.name() + " is not running");
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                "nsenter",
                "-t",
                String.valueOf(p.pid()),
                "-m",
                "-u",
                "-n",
                "setpriv",
                "--reuid=" + template.runAsUser(),
                "--regid=" + template.runAsGroup(),
                "--clear-groups",
                "env",
                "-i"));
    environment(c).forEach((k, v) -> command.add(k + "=" + v));
    command.addAll(probe.command());
    Shell.Result r = Shell.run(command, null, probe.timeoutSeconds());
    return r.ok() ? Probe.PASSED : new Probe(false, c.name() + ": " + r.output().strip());
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
