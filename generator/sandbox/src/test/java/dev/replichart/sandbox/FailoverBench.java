package dev.replichart.sandbox;

import dev.replichart.kube.JobEnvironment;
import dev.replichart.pipeline.ChartGenerator;
import dev.replichart.render.ChartWriter;
import dev.replichart.render.RenderedChart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Recovery time of automatic failover, measured in the pod sandbox with real MariaDB: {@code make
 * bench-failover} (root). A client writes through the primary Service all along; each cycle kills
 * every process of the primary's pod (as a crashed node's kubelet would restart it) and measures
 * the time from the kill to the first write acknowledged after the outage began (after the first
 * attempt that failed). At the end it counts the acknowledged writes the primary lacks, which must
 * be 0. Then as many planned switchovers, each run as the chart's switchover Job to the next pod,
 * measured by the longest the client waited for an acknowledgement from the Job's start until a
 * write went through after it. Figures are printed, never asserted: a benchmark, not a test.
 *
 * <p>The chart is the MariaDB example with automatic failover ({@link AutomaticFailoverSpec}), with
 * {@code replication.errantPolicy: reclone}. Argument: the number of cycles (default 20).
 */
public final class FailoverBench {
  private FailoverBench() {}

  public static void main(String[] args) throws Exception {
    int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    List<String> missing = Prerequisites.missing();
    if (!missing.isEmpty()) {
      System.err.println("the sandbox needs root and " + missing + " (make deps)");
      System.exit(2);
    }
    Path work = Files.createTempDirectory("replichart-bench");
    RenderedChart rendered = new ChartGenerator().render(AutomaticFailoverSpec.write(work));
    Path chart = work.resolve(rendered.name());
    ChartWriter.writeFiles(rendered, chart);
    Path values = work.resolve("bench.yaml");
    // Unattended: a killed primary can come back with a commit that waited for its
    // acknowledgement (an errant transaction, rare); reclone replaces its data instead of
    // waiting for a person, as the default report policy would.
    Files.writeString(
        values, "replication:\n  bootstrapGraceSeconds: 5\n  errantPolicy: reclone\n");
    Path state = Path.of("/var/tmp/replichart-sandbox-bench");
    try (Sandbox sandbox = Sandbox.up(chart, List.of(values), 3, state)) {
      try {
        run(sandbox, cycles);
      } catch (RuntimeException e) {
        System.err.println("the pods' logs are kept in " + keepLogs(sandbox));
        throw e;
      }
    }
  }

  private static void run(Sandbox sandbox, int cycles) throws Exception {
    String service = sandbox.statefulSet() + "-primary";
    awaitHealthy(sandbox, service, Duration.ofMinutes(4));
    List<Duration> recoveries = new ArrayList<>();
    try (WriteClient client = new WriteClient(sandbox, service)) {
      client.start();
      for (int i = 1; i <= cycles; i++) {
        String primary = awaitHealthy(sandbox, service, Duration.ofMinutes(4));
        Thread.sleep(2_000);
        long killed = System.nanoTime();
        sandbox.kill(primary);
        // The outage starts at the kill and ends with the first write acknowledged after the
        // first failed attempt (a write in flight at the kill may still be acknowledged).
        Optional<Duration> first = Optional.empty();
        long deadline = killed + Duration.ofSeconds(120).toNanos();
        while (first.isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(50);
          Optional<WriteClient.Failure> failed =
              client.failures().stream().filter(f -> f.nanos() >= killed).findFirst();
          if (failed.isPresent()) {
            long after = failed.get().nanos();
            first =
                client.acknowledged().stream()
                    .filter(a -> a.ackNanos() > after)
                    .findFirst()
                    .map(a -> Duration.ofNanos(a.ackNanos() - killed));
          }
        }
        Duration recovery = first.orElse(Duration.ofSeconds(120));
        recoveries.add(recovery);
        System.out.printf(
            Locale.ROOT,
            "cycle %2d: killed %s, first acknowledged write after %.2f s, on %s%n",
            i,
            primary,
            recovery.toMillis() / 1000.0,
            sandbox.endpoints(service));
      }
      List<Duration> pauses = new ArrayList<>();
      int refused = 0;
      List<Duration> jobs = new ArrayList<>();
      for (int i = 1; i <= cycles; i++) {
        String primary = awaitHealthy(sandbox, service, Duration.ofMinutes(4));
        Thread.sleep(2_000);
        List<String> pods = sandbox.podNames();
        String target = pods.get((pods.indexOf(primary) + 1) % pods.size());
        long started = System.nanoTime();
        Sandbox.JobRun run = switchover(sandbox, target);
        // a Job that finds the failover Lease held changes nothing and says so; as a person
        // would, run it again a little later (counted, and the wait is not timed)
        for (int attempt = 1; run.exitCode() != 0 && leaseHeld(run) && attempt < 4; attempt++) {
          refused++;
          System.out.printf(
              Locale.ROOT, "switchover %2d refused, the Lease is held; again in 5 s%n", i);
          Thread.sleep(5_000);
          started = System.nanoTime();
          run = switchover(sandbox, target);
        }
        long ended = System.nanoTime();
        if (run.exitCode() != 0) {
          throw new IllegalStateException("switchover to " + target + " failed:\n" + run.log());
        }
        // writes go on through the Service: wait for some on the new primary, then take the
        // longest wait for an acknowledgement from the Job's start to then
        long deadline = ended + Duration.ofSeconds(60).toNanos();
        while (client.acknowledged().stream().noneMatch(a -> a.ackNanos() > ended)
            && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        Duration pause = longestWait(client.acknowledged(), started, ended);
        if (pause.compareTo(Duration.ofSeconds(5)) > 0) {
          Path logs = keepLogs(sandbox);
          Files.writeString(logs.resolve("switchover-job.log"), run.log());
          Files.write(logs.resolve("write-client.txt"), clientStory(client, started));
          System.out.printf(
              Locale.ROOT,
              "switchover %2d: writes waited %.2f s; the pods' logs, the Job's and the write"
                  + " client's are kept in %s%n",
              i,
              seconds(pause),
              logs);
        }
        pauses.add(pause);
        jobs.add(Duration.ofNanos(ended - started));
        System.out.printf(
            Locale.ROOT,
            "switchover %2d: %s -> %s, Job %.2f s, longest wait for an acknowledged write %.2f s%n",
            i,
            primary,
            target,
            (ended - started) / 1e9,
            seconds(pause));
      }
      awaitHealthy(sandbox, service, Duration.ofMinutes(4));
      Thread.sleep(2_000);
      client.stop();
      String now = awaitHealthy(sandbox, service, Duration.ofMinutes(1));
      int lost = client.missingOn(now).size();
      System.out.printf(
          Locale.ROOT,
          "%nrecovery time over %d kill→failover cycles (kill to first acknowledged write):"
              + " %s%n"
              + "acknowledged writes: %d; missing on the primary (%s): %d%n",
          cycles,
          spread(recoveries),
          client.acknowledged().size(),
          now,
          lost);
      Collections.sort(jobs);
      System.out.printf(
          Locale.ROOT,
          "switchover over %d cycles (longest wait for an acknowledged write, from the Job's"
              + " start): %s; Job run time median %.2f s, max %.2f s; runs refused because the"
              + " Lease was held: %d%n",
          cycles,
          spread(pauses),
          seconds(percentile(jobs, 50)),
          seconds(jobs.get(jobs.size() - 1)),
          refused);
    }
  }

  /**
   * The longest time the client waited for an acknowledgement while a switchover ran: the largest
   * gap between consecutive acknowledgements, counting from {@code start}, up to the first one
   * after {@code end}.
   */
  static Duration longestWait(List<WriteClient.Ack> acks, long start, long end) {
    long previous = start;
    long longest = 0;
    for (WriteClient.Ack ack : acks) {
      if (ack.ackNanos() <= start) {
        continue;
      }
      longest = Math.max(longest, ack.ackNanos() - previous);
      previous = ack.ackNanos();
      if (ack.ackNanos() > end) {
        return Duration.ofNanos(longest);
      }
    }
    // no acknowledgement after the Job: the wait lasts at least until now
    return Duration.ofNanos(Math.max(longest, System.nanoTime() - previous));
  }

  /** Copies every pod's container logs as they are now to a new directory, and returns it. */
  private static Path keepLogs(Sandbox sandbox) throws IOException {
    Path logs = Files.createTempDirectory("replichart-bench-logs");
    for (String pod : sandbox.podNames()) {
      for (String container : List.of("init-mysql", "clone-mysql", "mysqld", "sidecar")) {
        Path log = sandbox.logFile(pod, container);
        if (Files.exists(log)) {
          Files.copy(log, logs.resolve(pod + "-" + container + ".log"));
        }
      }
    }
    return logs;
  }

  /**
   * What the write client saw from {@code since} on, a line per failed attempt and per pod change
   * of its acknowledgements, with wall times to set beside the pods' logs.
   */
  private static List<String> clientStory(WriteClient client, long since) {
    Map<Long, String> lines = new TreeMap<>();
    for (WriteClient.Failure f : client.failures()) {
      if (f.nanos() >= since) {
        lines.put(f.nanos(), f.at() + " failed id " + f.id() + " on " + f.pod() + ": " + f.error());
      }
    }
    String pod = null;
    for (WriteClient.Ack a : client.acknowledged()) {
      if (a.ackNanos() >= since && !a.pod().equals(pod)) {
        pod = a.pod();
        lines.put(a.ackNanos(), a.at() + " acknowledged id " + a.id() + " on " + pod);
      }
    }
    return new ArrayList<>(lines.values());
  }

  /** Runs the chart's switchover Job to {@code target} and waits (2 minutes at most) for it. */
  private static Sandbox.JobRun switchover(Sandbox sandbox, String target) throws Exception {
    return sandbox.runJob(
        sandbox.statefulSet() + "-switchover",
        Duration.ofSeconds(120),
        Map.of(JobEnvironment.TARGET_POD, target));
  }

  private static boolean leaseHeld(Sandbox.JobRun run) {
    return run.log().contains("failover Lease") && run.log().contains("nothing done");
  }

  /** "min …, median …, p90 …, max …" of the durations, as make bench's results read them. */
  private static String spread(List<Duration> durations) {
    List<Duration> sorted = new ArrayList<>(durations);
    Collections.sort(sorted);
    return String.format(
        Locale.ROOT,
        "min %.2f s, median %.2f s, p90 %.2f s, max %.2f s",
        seconds(sorted.get(0)),
        seconds(percentile(sorted, 50)),
        seconds(percentile(sorted, 90)),
        seconds(sorted.get(sorted.size() - 1)));
  }

  private static Duration percentile(List<Duration> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }

  /** Waits until every pod is ready and the Service has one endpoint; returns that pod. */
  private static String awaitHealthy(Sandbox sandbox, String service, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      List<String> endpoints = sandbox.endpoints(service);
      if (endpoints.size() == 1 && sandbox.podNames().stream().allMatch(sandbox::isReady)) {
        return endpoints.get(0);
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the sandbox did not become healthy: " + sandbox.status());
  }
}
