package dev.replichart.sandbox;

import dev.replichart.pipeline.ChartGenerator;
import dev.replichart.plan.ChartDescription;
import dev.replichart.render.ChartWriter;
import dev.replichart.render.RenderedChart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Clone speed, measured in the pod sandbox with real MariaDB: {@code make bench-clone} (root). For
 * each size (MiB of seeded table data; {@code SIZES=100,1024} by default) it seeds the primary,
 * then measures in the same run, between the same two network namespaces:
 *
 * <ol>
 *   <li><b>clone</b>: scale up by one pod; from the new pod's creation to "replicating, caught up"
 *       (its server replicates from the primary, IO and SQL threads running, lag 0), broken down by
 *       the moments the clone-mysql and sidecar log lines appear (polled every 20 ms);
 *   <li><b>raw copy</b>: {@code tar -cf - . | socat} of the primary's data directory from its
 *       namespace to {@code socat | tar -x} in the new pod's namespace;
 *   <li><b>dump/load</b>: {@code mariadb-dump --single-transaction} of the seeded database from the
 *       primary over the network, piped into {@code mariadb} on an empty scratch server in the new
 *       pod's namespace.
 * </ol>
 *
 * Then the pod is wiped and removed for the next size. Figures are printed, never asserted. The
 * last lines are a tab-separated table ({@code #}-prefixed header) that bench/run.sh plots.
 */
public final class CloneBench {
  private static final Path STATE = Path.of("/var/tmp/replichart-sandbox-clonebench");
  private static final Path SCRATCH = Path.of("/var/tmp/replichart-clonebench-scratch");
  private static final Path LOGS = Path.of("/var/tmp/replichart-clonebench-logs");
  private static final int COPY_PORT = 3399;

  /** clone-mysql and sidecar log lines that mark the end of each phase of a clone, in order. */
  private static final Map<String, String[]> MARKS = new LinkedHashMap<>();

  static {
    MARKS.put("init, donor chosen", new String[] {"clone-mysql", "cloning from"});
    MARKS.put("backup streamed", new String[] {"clone-mysql", "received the backup"});
    MARKS.put("prepared", new String[] {"clone-mysql", "the backup holds GTIDs"});
    MARKS.put("moved into place", new String[] {"clone-mysql", "clone done"});
    MARKS.put("server up, replication started", new String[] {"sidecar", "replicating from"});
  }

  private CloneBench() {}

  record Row(
      int mib,
      long dataDirMib,
      double cloned,
      double raw,
      double dump,
      Map<String, Double> phases) {}

  public static void main(String[] args) throws Exception {
    List<Integer> sizes =
        Arrays.stream(System.getenv().getOrDefault("SIZES", "100,1024").split(","))
            .map(String::trim)
            .map(Integer::parseInt)
            .sorted()
            .toList();
    List<String> missing = Prerequisites.missing();
    if (!missing.isEmpty()) {
      System.err.println("the sandbox needs root and " + missing + " (make deps)");
      System.exit(2);
    }
    Path work = Files.createTempDirectory("replichart-clonebench");
    Path spec = Path.of("examples/mariadb.yaml");
    if (!Files.exists(spec)) {
      spec = Path.of("../../examples/mariadb.yaml");
    }
    RenderedChart rendered = new ChartGenerator().render(spec);
    Path chart = work.resolve(rendered.name());
    ChartWriter.writeFiles(rendered, chart);
    Path values = work.resolve("bench.yaml");
    Files.writeString(values, "replication:\n  bootstrapGraceSeconds: 5\n");
    List<Row> rows = new ArrayList<>();
    // The example's chart needs 2 pods (semi-sync): the new pod is the third, and clone-mysql
    // picks the healthy replica as its donor (as it prefers), which the baselines copy too.
    try (Sandbox sandbox = Sandbox.up(chart, List.of(values), 2, STATE)) {
      String primary = sandbox.statefulSet() + "-0";
      String replica = sandbox.statefulSet() + "-1";
      String fresh = sandbox.statefulSet() + "-2";
      await(
          "the primary",
          Duration.ofMinutes(3),
          () -> "writable".equals(replication(sandbox, primary)));
      root(sandbox, primary, "CREATE TABLE app.bench (id BIGINT PRIMARY KEY, pad VARCHAR(1100))");
      long seeded = 0;
      for (int mib : sizes) {
        seeded = seed(sandbox, primary, mib, seeded);
        String position = query(sandbox, primary, "SELECT @@gtid_binlog_pos");
        await(
            "the replica applying the seed",
            Duration.ofMinutes(5),
            () -> position.equals(query(sandbox, replica, "SELECT @@gtid_slave_pos")));
        // What a clone needs is the data: binary logs are not copied by mariadb-backup, so the
        // seeding's are purged (as expire_logs would) and every copy moves the same files.
        for (String pod : List.of(primary, replica)) {
          purgeBinaryLogs(sandbox, pod);
        }
        Map<String, Double> phases = new LinkedHashMap<>();
        String[] chosen = new String[1];
        double clone = cloneSeconds(sandbox, fresh, phases, chosen);
        String donor = chosen[0];
        Path dataDir = dataDir(sandbox, donor);
        long duMib = duMib(dataDir);
        System.out.printf(
            Locale.ROOT, "== %d MiB seeded; donor %s, data directory %d MiB%n", mib, donor, duMib);
        double raw = rawCopySeconds(sandbox, dataDir, donor, fresh);
        double dump = dumpLoadSeconds(sandbox, donor, fresh);
        rows.add(new Row(mib, duMib, clone, raw, dump, phases));
        System.out.printf(
            Locale.ROOT, "clone %.2f s, raw copy %.2f s, dump/load %.2f s%n", clone, raw, dump);
        // The pods' logs of this size, for a closer look (mariadb-backup's own lines included).
        Path logs = LOGS.resolve(String.valueOf(mib));
        Shell.run("rm", "-rf", logs.toString());
        Files.createDirectories(logs);
        for (String pod : sandbox.podNames()) {
          Path podLogs = sandbox.logFile(pod, "sidecar").getParent();
          Shell.run("cp", "-r", podLogs.toString(), logs.resolve(pod).toString());
        }
        sandbox.wipe(fresh);
        sandbox.scale(2);
      }
    } finally {
      Shell.run("rm", "-rf", SCRATCH.toString());
    }
    print(rows);
  }

  private static void print(List<Row> rows) {
    System.out.println();
    System.out.println(
        "where a clone spends its time (s from the new pod's creation; phase length):");
    for (Row r : rows) {
      System.out.printf(Locale.ROOT, "  %d MiB:", r.mib());
      double before = 0;
      for (Map.Entry<String, Double> e : r.phases().entrySet()) {
        System.out.printf(
            Locale.ROOT, " %s %.2f (+%.2f);", e.getKey(), e.getValue(), e.getValue() - before);
        before = e.getValue();
      }
      System.out.printf(Locale.ROOT, " caught up %.2f (+%.2f)%n", r.cloned(), r.cloned() - before);
    }
    System.out.println();
    System.out.println(
        "#size_mib\tdatadir_mib\tclone_s\traw_s\tdump_s\tclone_raw\tdump_clone\t"
            + String.join("\t", MARKS.keySet()).replace(' ', '_').replace(",", ""));
    for (Row r : rows) {
      StringBuilder line =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "%d\t%d\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f",
                  r.mib(),
                  r.dataDirMib(),
                  r.cloned(),
                  r.raw(),
                  r.dump(),
                  r.cloned() / r.raw(),
                  r.dump() / r.cloned()));
      for (String mark : MARKS.keySet()) {
        Double at = r.phases().get(mark);
        line.append(at == null ? "\tNaN" : String.format(Locale.ROOT, "\t%.2f", at));
      }
      System.out.println(line);
    }
  }

  /** Inserts rows of about 1 KiB of random-ish text until the table's file holds {@code mib}. */
  private static long seed(Sandbox sandbox, String pod, int mib, long from) throws IOException {
    Path file = dataDir(sandbox, pod).resolve("app/bench.ibd");
    long start = System.nanoTime();
    long next = from;
    int chunk = 16_384;
    while (Files.size(file) < (long) mib << 20) {
      root(
          sandbox,
          pod,
          String.format(
              Locale.ROOT,
              "USE app; INSERT INTO bench SELECT seq, CONCAT(SHA2(seq, 512), SHA2(seq + 1, 512),"
                  + " SHA2(seq + 2, 512), SHA2(seq + 3, 512), SHA2(seq + 4, 512),"
                  + " SHA2(seq + 5, 512), SHA2(seq + 6, 512), SHA2(seq + 7, 512))"
                  + " FROM seq_%d_to_%d",
              next + 1,
              next + chunk));
      next += chunk;
    }
    System.out.printf(
        Locale.ROOT,
        "seeded %d rows (%d MiB table file) in %.1f s%n",
        next,
        Files.size(file) >> 20,
        (System.nanoTime() - start) / 1e9);
    return next;
  }

  /** Scales up by one; seconds from the pod's creation to replicating with lag 0. */
  private static double cloneSeconds(
      Sandbox sandbox, String pod, Map<String, Double> phases, String[] donor) throws Exception {
    Map<String, Long> offsets = new LinkedHashMap<>();
    for (String container : List.of("clone-mysql", "sidecar")) {
      Path log = sandbox.stateDir().resolve("pods").resolve(pod).resolve("logs");
      Path file = log.resolve(container + ".log");
      offsets.put(container, Files.exists(file) ? Files.size(file) : 0L);
    }
    long t0 = System.nanoTime();
    sandbox.scale(3);
    long deadline = t0 + Duration.ofMinutes(10).toNanos();
    List<String> pending = new ArrayList<>(MARKS.keySet());
    while (System.nanoTime() < deadline) {
      while (!pending.isEmpty()) {
        String[] mark = MARKS.get(pending.get(0));
        if (!logSince(sandbox, pod, mark[0], offsets.get(mark[0])).contains(mark[1])) {
          break;
        }
        phases.put(pending.remove(0), (System.nanoTime() - t0) / 1e9);
      }
      if (pending.isEmpty()) {
        String state = replication(sandbox, pod);
        if (state.startsWith("from ") && state.endsWith("io=Yes sql=Yes lag=0")) {
          double seconds = (System.nanoTime() - t0) / 1e9;
          String log = logSince(sandbox, pod, "clone-mysql", offsets.get("clone-mysql"));
          System.out.println("clone-mysql log:\n  " + log.strip().replace("\n", "\n  "));
          java.util.regex.Matcher m =
              java.util.regex.Pattern.compile("cloning from ([^. ]+)").matcher(log);
          if (!m.find()) {
            throw new IllegalStateException("no donor in the clone-mysql log");
          }
          donor[0] = m.group(1);
          return seconds;
        }
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("the new pod did not catch up: " + sandbox.status());
  }

  private static String logSince(Sandbox sandbox, String pod, String container, long offset)
      throws IOException {
    Path file = sandbox.logFile(pod, container);
    if (!Files.exists(file)) {
      return "";
    }
    byte[] bytes = Files.readAllBytes(file);
    int from = (int) Math.min(offset, bytes.length);
    return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
  }

  /** tar of the donor's data directory through socat into the new pod's namespace. */
  private static double rawCopySeconds(Sandbox sandbox, Path dataDir, String donor, String fresh)
      throws Exception {
    Path target = SCRATCH.resolve("copy");
    Shell.run("rm", "-rf", SCRATCH.toString());
    Files.createDirectories(target);
    String receive =
        String.format(
            "ip netns exec %s sh -c 'socat -u TCP-LISTEN:%d,reuseaddr STDOUT | tar -x -C %s'",
            netns(sandbox, fresh), COPY_PORT, target);
    String send =
        String.format(
            "ip netns exec %s sh -c 'tar -C %s -cf - . | socat -u STDIN"
                + " TCP:%s:%d,retry=100,interval=0.05'",
            netns(sandbox, donor), dataDir, sandbox.ip(fresh), COPY_PORT);
    Process receiver = new ProcessBuilder("sh", "-c", receive).inheritIO().start();
    long t0 = System.nanoTime();
    Shell.Result sent = Shell.run(List.of("sh", "-c", send), null, 600);
    int received = receiver.waitFor();
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (!sent.ok() || received != 0) {
      throw new IllegalStateException("raw copy failed: " + sent.output() + " / exit " + received);
    }
    System.out.printf(Locale.ROOT, "raw copy: %d MiB in %.2f s%n", duMib(target), seconds);
    Shell.run("rm", "-rf", target.toString());
    return seconds;
  }

  /**
   * mariadb-dump of the app database from the donor over the network, into a scratch server (empty,
   * default settings, its own socket) in the new pod's namespace.
   */
  private static double dumpLoadSeconds(Sandbox sandbox, String donor, String fresh)
      throws Exception {
    Path dir = SCRATCH.resolve("server");
    Path socket = SCRATCH.resolve("scratch.sock");
    Files.createDirectories(dir);
    must(
        "mariadb-install-db",
        "--no-defaults",
        "--user=mysql",
        "--datadir=" + dir,
        "--skip-test-db",
        "--auth-root-authentication-method=socket");
    Shell.must("chown", "-R", "mysql:mysql", SCRATCH.toString());
    Process server =
        new ProcessBuilder(
                "ip",
                "netns",
                "exec",
                netns(sandbox, fresh),
                "mariadbd",
                "--no-defaults",
                "--user=mysql",
                "--datadir=" + dir,
                "--socket=" + socket,
                "--skip-networking",
                "--pid-file=" + SCRATCH.resolve("scratch.pid"))
            .redirectErrorStream(true)
            .redirectOutput(SCRATCH.resolve("scratch.log").toFile())
            .start();
    try {
      await(
          "the scratch server",
          Duration.ofSeconds(60),
          () -> Shell.run("mariadb-admin", "--socket=" + socket, "ping").ok());
      ChartDescription.Account app = sandbox.clientAccount();
      String pipeline =
          String.format(
              "ip netns exec %s sh -c 'mariadb-dump --single-transaction --quick -h %s -u %s"
                  + " --password=\"$DUMP_PASSWORD\" --databases app | mariadb --socket=%s'",
              netns(sandbox, fresh), sandbox.ip(donor), app.user(), socket);
      ProcessBuilder pb = new ProcessBuilder("sh", "-c", pipeline).redirectErrorStream(true);
      pb.environment().put("DUMP_PASSWORD", sandbox.secret(app.secretKey()));
      long t0 = System.nanoTime();
      Process p = pb.start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = p.waitFor();
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (exit != 0) {
        throw new IllegalStateException("dump/load failed: " + output);
      }
      Shell.Result count =
          Shell.run(
              List.of("mariadb", "--socket=" + socket, "-N", "-B"),
              "SELECT COUNT(*) FROM app.bench",
              60);
      System.out.printf(
          Locale.ROOT, "dump/load: %s rows in %.2f s%n", count.output().strip(), seconds);
      return seconds;
    } finally {
      Shell.run("mariadb-admin", "--socket=" + socket, "shutdown");
      if (!server.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
      Shell.run("rm", "-rf", SCRATCH.toString());
    }
  }

  private static void must(String... command) {
    Shell.Result r = Shell.run(List.of(command), null, 120);
    if (!r.ok()) {
      throw new IllegalStateException(String.join(" ", command) + ": " + r.output());
    }
  }

  private static String netns(Sandbox sandbox, String pod) {
    return Sandbox.PREFIX + "pod-" + pod.substring(pod.lastIndexOf('-') + 1);
  }

  /** The pod's data directory on the host: the volume holding data/mysql. */
  private static Path dataDir(Sandbox sandbox, String pod) throws IOException {
    Path volumes = sandbox.stateDir().resolve("pods").resolve(pod).resolve("volumes");
    try (Stream<Path> dirs = Files.list(volumes)) {
      return dirs.map(v -> v.resolve("data"))
          .filter(d -> Files.isDirectory(d.resolve("mysql")))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no data directory under " + volumes));
    }
  }

  private static long duMib(Path dir) {
    String out = Shell.must("du", "-sm", dir.toString());
    return Long.parseLong(out.split("\\s+")[0]);
  }

  private static String replication(Sandbox sandbox, String pod) {
    return sandbox.podNames().contains(pod) ? sandbox.replication(pod) : "down";
  }

  /**
   * Rotates the binary log and purges the old ones. A rotated file stays until InnoDB has made its
   * transactions durable (the binlog checkpoint), so the purge is repeated until one file is left.
   */
  private static void purgeBinaryLogs(Sandbox sandbox, String pod) throws Exception {
    root(sandbox, pod, "FLUSH LOCAL BINARY LOGS");
    if (!"writable".equals(replication(sandbox, pod))) {
      root(sandbox, pod, "FLUSH LOCAL RELAY LOGS");
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String logs = "";
    while (System.nanoTime() < deadline) {
      root(sandbox, pod, "PURGE BINARY LOGS BEFORE NOW() + INTERVAL 1 DAY");
      logs = query(sandbox, pod, "SHOW BINARY LOGS");
      if (logs.lines().count() <= 1) {
        return;
      }
      Thread.sleep(500);
    }
    System.out.println("binary logs of " + pod + " left after purging: " + logs.replace('\n', ' '));
  }

  private static String query(Sandbox sandbox, String pod, String sql) throws IOException {
    return root(sandbox, pod, sql).strip();
  }

  private static String root(Sandbox sandbox, String pod, String sql) throws IOException {
    ChartDescription.Account root = sandbox.rootAccount();
    Shell.Result r =
        Shell.run(
            List.of(
                "mariadb",
                "-N",
                "-B",
                "--socket=" + sandbox.socket(pod),
                "-u",
                root.user(),
                "--password=" + sandbox.secret(root.secretKey())),
            sql,
            600);
    if (!r.ok()) {
      throw new IllegalStateException(sql + ": " + r.output());
    }
    return r.output();
  }

  interface Check {
    boolean ok() throws Exception;
  }

  private static void await(String what, Duration timeout, Check check) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (check.ok()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(what + " was not ready within " + timeout);
  }
}
