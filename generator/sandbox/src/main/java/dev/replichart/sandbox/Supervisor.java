package dev.replichart.sandbox;

import dev.replichart.Directories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox's lifecycle: brings it up (state files, bridge, API stand-in, the StatefulSet's pods)
 * and down, holds the pods by ordinal with their readiness, and runs the loop a kubelet and the
 * endpoints controller would run: each container's startup and readiness probes on their own
 * schedule, a pod deleted at the API recreated, the hosts file kept in step with the Services.
 *
 * <p>Readiness is kept as a kubelet's probers keep it: each probe runs on its own thread every
 * {@code periodSeconds} (after {@code initialDelaySeconds}), bounded by {@code timeoutSeconds}, and
 * counts as passing after {@code successThreshold} passes in a row and failing after {@code
 * failureThreshold} failures in a row ({@link ProbeState}); a container is ready once its startup
 * probe has passed and while its readiness probe passes; one that is not running is not ready at
 * once, and a restarted one starts over. So a probe that hangs delays no other probe and no routing
 * change, and one failed probe does not take a pod out of its Services when the manifest allows
 * more.
 */
final class Supervisor implements AutoCloseable {
  private final StateDirectory state;
  private final String statefulSet;
  private final PodTemplate template;
  private final ServiceNetwork network;
  private final ApiStandIn api;
  private final SandboxPod.Context podContext;
  private final Map<Integer, SandboxPod> pods = new ConcurrentHashMap<>();
  private final Map<String, Boolean> ready = new ConcurrentHashMap<>();
  private final Map<String, String> notReadyBecause = new ConcurrentHashMap<>();

  /** Each container's prober, by {@code pod/container}; only the loop's thread touches them. */
  private final Map<String, Prober> probers = new HashMap<>();

  private final ExecutorService probes =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "sandbox-probe");
            t.setDaemon(true);
            return t;
          });

  private volatile ScheduledExecutorService loop;

  Supervisor(
      StateDirectory state,
      String statefulSet,
      PodTemplate template,
      ServiceNetwork network,
      ApiStandIn api,
      SandboxPod.Context podContext) {
    this.state = state;
    this.statefulSet = statefulSet;
    this.template = template;
    this.network = network;
    this.api = api;
    this.podContext = podContext;
  }

  /** Starts the bridge, the API stand-in, {@code replicas} pods and the loop. */
  void start(int replicas) throws IOException {
    Files.createDirectories(SandboxControl.dir(state.root()));
    network.up();
    api.start();
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
    loop.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  String statefulSet() {
    return statefulSet;
  }

  SandboxPod.Context podContext() {
    return podContext;
  }

  /** The StatefulSet's pods in ordinal order. */
  List<SandboxPod> pods() {
    return pods.values().stream().sorted(Comparator.comparingInt(p -> p.ordinal)).toList();
  }

  List<String> podNames() {
    return pods().stream().map(p -> p.name).toList();
  }

  int size() {
    return pods.size();
  }

  SandboxPod pod(String name) {
    return pods.values().stream()
        .filter(p -> p.name.equals(name))
        .findFirst()
        .orElseThrow(() -> new SandboxException("no pod " + name + "; pods: " + podNames()));
  }

  boolean isReady(String podName) {
    return ready.getOrDefault(podName, false);
  }

  /** What the failed readiness probes of a running pod said at the last tick, or "". */
  String notReadyBecause(String podName) {
    return notReadyBecause.getOrDefault(podName, "");
  }

  /** The pods a Service routes to now. */
  List<SandboxPod> endpoints(String service) {
    return network.endpoints(service, pods(), this::isReady);
  }

  /** Creates the pod of an ordinal: network, API object, then its containers. */
  void addPod(int ordinal) throws IOException {
    SandboxPod pod = SandboxPod.ofStatefulSet(podContext, template, statefulSet, ordinal);
    pod.createNetwork();
    pods.put(ordinal, pod);
    ready.put(pod.name, false);
    network.writeHosts(pods(), this::isReady);
    api.createPod(pod.name, pod.ip, template.labels());
    pod.start();
  }

  /** Removes the pod of an ordinal; its volume stays (as a PVC does). */
  void removePod(int ordinal) throws IOException {
    SandboxPod pod = pods.remove(ordinal);
    pod.stop();
    pod.deleteNetwork();
    api.deletePod(pod.name);
    ready.remove(pod.name);
    notReadyBecause.remove(pod.name);
  }

  /** Stops the pod's processes; it stays in the pod list, not ready. */
  void stop(SandboxPod pod) {
    pod.stop();
    ready.put(pod.name, false);
  }

  /** Deletes and recreates the pod: init containers run again, emptyDirs start empty. */
  void recreate(SandboxPod pod) throws IOException {
    stop(pod);
    api.deletePod(pod.name);
    api.createPod(pod.name, pod.ip, template.labels());
    pod.start();
  }

  /**
   * Probes, API-side deletions (the failover Job fencing a pod: acted on once the pod's node hears
   * the API again), Service routing.
   */
  private void tick() {
    tick(true);
  }

  /**
   * One round of the loop; with {@code askApi} false (a probe's result came in) only the probes and
   * routing, without asking the API about every pod.
   */
  private void tick(boolean askApi) {
    try {
      for (SandboxPod pod : List.copyOf(pods.values())) {
        if (pods.get(pod.ordinal) != pod) {
          continue;
        }
        if (askApi
            && api.getPod(pod.name) == null
            && "Running".equals(pod.phase())
            && pod.reachesApi()) {
          recreate(pod);
          continue;
        }
        boolean podReady = "Running".equals(pod.phase());
        List<String> failed = new ArrayList<>();
        for (PodTemplate.Container c : template.containers()) {
          Prober prober = probers.computeIfAbsent(pod.name + "/" + c.name(), k -> new Prober());
          prober.advance(pod, c, System.nanoTime());
          if (!prober.ready()) {
            podReady = false;
            if (!prober.message().isEmpty()) {
              failed.add(prober.message());
            }
          }
        }
        ready.put(pod.name, podReady);
        notReadyBecause.put(
            pod.name, "Running".equals(pod.phase()) ? String.join("; ", failed) : "");
      }
      network.writeHosts(pods(), this::isReady);
    } catch (IOException | RuntimeException e) {
      // the next tick tries again; a sandbox loop must not die
    }
  }

  /**
   * One container's prober: the process it belongs to (a restarted container starts over), the
   * {@link ProbeState} of its startup and readiness probes, and the probe in flight, which runs on
   * its own thread. As a kubelet's workers do, both probes keep their schedule from the container's
   * start; the readiness probe skips its turns until the startup probe has passed, and the
   * container is not ready until then ("If a startup probe is provided, all other probes are
   * disabled until it succeeds": kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle). A
   * startup probe that keeps failing is not acted on: the sandbox does not restart the container
   * for it.
   */
  private final class Prober {
    private Process process;
    private ProbeState startup;
    private ProbeState readiness;
    private boolean started;
    private Future<SandboxPod.Probe> running;
    private String message = "";

    boolean ready() {
      return started && readiness.ready();
    }

    String message() {
      if (process == null) {
        return message;
      }
      return started ? readiness.message() : startup.message();
    }

    /** Takes the result of a probe that finished, and starts the next one when it is due. */
    void advance(SandboxPod pod, PodTemplate.Container c, long now) {
      Process current = pod.process(c.name());
      if (current == null || !current.isAlive()) {
        if (process != null) {
          restart(null, c, now);
        }
        message = c.name() + " is not running";
        return;
      }
      if (current != process) {
        restart(current, c, now);
      }
      if (!started) {
        step(pod, c, c.startup(), startup, now);
        started = startup.ready();
        if (!started) {
          readiness.due(now); // the readiness worker's turn passes without a probe
          return;
        }
      }
      step(pod, c, c.readiness(), readiness, now);
    }

    /**
     * One step of one probe: records a finished run, then starts the next when it is due; a
     * container without the probe passes it.
     */
    private void step(
        SandboxPod pod,
        PodTemplate.Container c,
        PodTemplate.Probe probe,
        ProbeState state,
        long now) {
      if (probe.command().isEmpty()) {
        state.record(SandboxPod.Probe.PASSED);
        return;
      }
      if (running != null && running.isDone()) {
        state.record(outcome(running, c));
        running = null;
        if (state == startup && startup.ready()) {
          return; // started: the startup probe has done its work
        }
      }
      if (running == null && state.due(now)) {
        // its result is taken by a tick run as soon as it is in, as a kubelet takes it at once
        running =
            CompletableFuture.supplyAsync(() -> pod.probe(c, probe), probes)
                .whenComplete((result, error) -> tickSoon());
      }
    }

    private void restart(Process current, PodTemplate.Container c, long now) {
      if (running != null) {
        running.cancel(true);
      }
      process = current;
      startup = new ProbeState(c.startup(), now);
      readiness = new ProbeState(c.readiness(), now);
      started = false;
      running = null;
      message = "";
    }
  }

  /** Runs a tick on the loop's thread now, after the one running; none once the loop stopped. */
  private void tickSoon() {
    ScheduledExecutorService current = loop;
    if (current == null || current.isShutdown()) {
      return;
    }
    try {
      current.execute(() -> tick(false));
    } catch (RejectedExecutionException e) {
      // stopping
    }
  }

  /** What a finished probe said; one that threw or was cancelled failed. */
  private static SandboxPod.Probe outcome(Future<SandboxPod.Probe> done, PodTemplate.Container c) {
    try {
      return done.get();
    } catch (ExecutionException | CancellationException e) {
      return new SandboxPod.Probe(false, c.name() + ": probe failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new SandboxPod.Probe(false, c.name() + ": probe interrupted");
    }
  }

  /** Stops the loop, the pods and the API stand-in, then removes everything ({@link #down}). */
  @Override
  public void close() {
    if (loop != null) {
      loop.shutdownNow();
    }
    probes.shutdownNow();
    for (SandboxPod pod : pods.values()) {
      pod.stop();
    }
    api.stop();
    down(state.root());
  }

  /**
   * Removes everything a sandbox made: processes in its namespaces, the namespaces, the bridge and
   * the state directory. Safe to run twice and after a crash (it finds leftovers by name).
   */
  static void down(Path stateDir) {
    Shell.Result list = Shell.run("ip", "netns", "list");
    for (String line : list.output().split("\n")) {
      String ns = line.split("\\s+")[0];
      if (ns.startsWith(ServiceNetwork.PREFIX)) {
        killAllIn(ns);
        Shell.run("ip", "netns", "del", ns);
      }
    }
    Shell.Result links = Shell.run("ip", "-o", "link", "show");
    for (String line : links.output().split("\n")) {
      String[] parts = line.split(":\\s+");
      if (parts.length > 1) {
        String link = parts[1].split("@")[0];
        if (link.startsWith(ServiceNetwork.PREFIX)) {
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
}
