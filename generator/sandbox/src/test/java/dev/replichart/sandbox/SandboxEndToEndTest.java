package dev.replichart.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.replichart.TestFiles;
import dev.replichart.kube.SecretKeys;
import dev.replichart.pipeline.ChartGenerator;
import dev.replichart.render.ChartWriter;
import dev.replichart.render.RenderedChart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The chart generated from examples/mariadb.yaml, run in the pod sandbox with real MariaDB: the
 * chart's own scripts form a replicated cluster, replicate, refuse writes on replicas, route reads
 * only to healthy replicas, survive restarts and lost volumes, seed new pods after binary logs were
 * purged, and leave nothing behind. One sandbox, scenarios in order.
 */
@Tag("e2e")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxEndToEndTest {
  private static final Path STATE = Path.of("/var/tmp/replichart-sandbox-e2e");
  private static Path chart;
  private static Sandbox sandbox;
  private static String primaryService;
  private static String replicasService;

  @BeforeAll
  static void up() throws Exception {
    List<String> missing = Prerequisites.missing();
    if (!missing.isEmpty()) {
      if ("true".equals(System.getenv("CI"))) {
        fail("the sandbox cannot run in CI: " + missing);
      }
      Assumptions.abort("sandbox prerequisites missing (run as root after make deps): " + missing);
    }
    Path work = Files.createTempDirectory("replichart-e2e");
    RenderedChart rendered =
        new ChartGenerator().render(TestFiles.repoRoot().resolve("examples/mariadb.yaml"));
    chart = work.resolve(rendered.name());
    ChartWriter.writeFiles(rendered, chart);
    Path values = work.resolve("sandbox.yaml");
    Files.writeString(values, "replication:\n  bootstrapGraceSeconds: 5\n  maxLagSeconds: 10\n");
    sandbox = Sandbox.up(chart, List.of(values), 3, STATE);
    primaryService = sandbox.statefulSet() + "-primary";
    replicasService = sandbox.statefulSet() + "-replicas";
  }

  @AfterAll
  static void down() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  private static String pod(int ordinal) {
    return sandbox.statefulSet() + "-" + ordinal;
  }

  private static void await(String what, Duration timeout, BooleanSupplier condition)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(500);
    }
    StringBuilder diagnosis = new StringBuilder("timed out waiting for " + what + "\n");
    if (sandbox == null) {
      fail(diagnosis.toString());
    }
    sandbox.status().forEach(line -> diagnosis.append(line).append('\n'));
    for (String name : sandbox.podNames()) {
      for (String container : List.of("init-mysql", "clone-mysql", "sidecar")) {
        diagnosis
            .append("--- ")
            .append(name)
            .append('/')
            .append(container)
            .append('\n')
            .append(tail(sandbox.logFile(name, container), 8));
      }
    }
    fail(diagnosis.toString());
  }

  private static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())) + "\n";
    } catch (IOException e) {
      return "(no log)\n";
    }
  }

  private static String log(String pod, String container) throws IOException {
    Path file = sandbox.logFile(pod, container);
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  private static String sql(String target, String query) throws IOException {
    Shell.Result r = sandbox.sql(target, query);
    assertThat(r.ok()).as("%s on %s: %s", query, target, r.output()).isTrue();
    return r.output().trim();
  }

  private static String checksum(String pod) {
    try {
      Shell.Result r = sandbox.sql(pod, "CHECKSUM TABLE app.t");
      return r.ok() ? r.output().trim().split("\\s+")[1] : "error: " + r.output();
    } catch (IOException | RuntimeException e) {
      return "error: " + e.getMessage();
    }
  }

  private static void awaitSameData(List<String> pods) throws Exception {
    String expected = checksum(pod(0));
    await(
        "the same app.t on " + pods,
        Duration.ofSeconds(60),
        () -> pods.stream().allMatch(p -> checksum(p).equals(expected)));
  }

  private static boolean allReady(int replicas) {
    return sandbox.podNames().size() == replicas
        && sandbox.podNames().stream().allMatch(sandbox::isReady);
  }

  @Test
  @Order(1)
  void pod0BootstrapsAsPrimaryAndTheOthersCloneAPeerThenReplicate() throws Exception {
    await("3 ready pods", Duration.ofSeconds(180), () -> allReady(3));
    assertThat(sandbox.labels(pod(0))).containsEntry("replichart.dev/role", "primary");
    assertThat(sandbox.labels(pod(1))).containsEntry("replichart.dev/role", "replica");
    assertThat(sandbox.labels(pod(2))).containsEntry("replichart.dev/role", "replica");
    assertThat(log(pod(0), "init-mysql")).contains("bootstrapping a new cluster");
    for (int i = 1; i <= 2; i++) {
      assertThat(log(pod(i), "clone-mysql"))
          .contains("cloning from " + sandbox.statefulSet() + "-")
          .contains("(mariabackup-stream)")
          .contains("preparing it")
          .contains("clone done");
      assertThat(log(pod(i), "sidecar"))
          .contains("replicating from " + pod(0) + ".")
          .contains("with GTID auto-positioning");
      assertThat(log(pod(i), "mysqld")).contains("New Using_Gtid=Slave_Pos");
    }
    assertThat(sandbox.endpoints(primaryService)).containsExactly(pod(0));
    assertThat(sandbox.endpoints(replicasService)).containsExactlyInAnyOrder(pod(1), pod(2));
  }

  /**
   * The gateway's hardware address does not move when a pod's or a Job's veth joins or leaves the
   * bridge with a lower one: pods keep reaching the host.
   */
  @Test
  @Order(2)
  void theBridgeKeepsItsAddressWhenAPortWithALowerOneComesAndGoes() throws Exception {
    String port = ServiceNetwork.PREFIX + "t0";
    assertThat(bridgeAddress()).isEqualTo(ServiceNetwork.BRIDGE_ADDRESS);
    try {
      Shell.must("ip", "link", "add", port, "type", "veth", "peer", "name", port + "p");
      Shell.must("ip", "link", "set", port, "address", "02:00:00:00:00:00");
      Shell.must("ip", "link", "set", port, "master", ServiceNetwork.BRIDGE, "up");
      assertThat(bridgeAddress()).isEqualTo(ServiceNetwork.BRIDGE_ADDRESS);
    } finally {
      Shell.run("ip", "link", "del", port);
    }
    assertThat(bridgeAddress()).isEqualTo(ServiceNetwork.BRIDGE_ADDRESS);
  }

  private static String bridgeAddress() throws IOException {
    return Files.readString(Path.of("/sys/class/net", ServiceNetwork.BRIDGE, "address")).strip();
  }

  @Test
  @Order(2)
  void runsTheScriptsOfTheRenderedConfigMapByteForByte() throws Exception {
    Path scripts = chart.resolve("files/scripts");
    List<Path> files = TestFiles.list(scripts, ".sh");
    assertThat(files).isNotEmpty();
    Path configMap;
    try (Stream<Path> dirs = Files.list(sandbox.stateDir().resolve("configmaps"))) {
      configMap = dirs.findFirst().orElseThrow();
    }
    for (Path script : files) {
      assertThat(Files.readAllBytes(configMap.resolve(script.getFileName())))
          .as(script.getFileName().toString())
          .isEqualTo(Files.readAllBytes(script));
    }
    String launcher =
        Files.readString(
            sandbox.stateDir().resolve("pods").resolve(pod(1)).resolve("launch-clone-mysql.sh"));
    assertThat(launcher).contains("mount --bind " + configMap + " /etc/mysql/replichart-config");
  }

  @Test
  @Order(3)
  void tenThousandRowsWrittenThroughThePrimaryServiceReachEveryReplica() throws Exception {
    sql(primaryService, "CREATE TABLE app.t (id INT PRIMARY KEY, v CHAR(32)) ENGINE=InnoDB");
    sql(primaryService, "USE app; INSERT INTO t SELECT seq, MD5(seq) FROM seq_1_to_10000");
    assertThat(sql(pod(0), "SELECT COUNT(*) FROM app.t")).isEqualTo("10000");
    awaitSameData(List.of(pod(1), pod(2)));
  }

  @Test
  @Order(4)
  void writesToAReplicaAreRefused() throws Exception {
    Shell.Result r = sandbox.sql(replicasService, "INSERT INTO app.t VALUES (20001, 'x')");
    assertThat(r.ok()).isFalse();
    assertThat(r.output()).contains("read-only");
    assertThat(sql(pod(0), "SELECT COUNT(*) FROM app.t WHERE id = 20001")).isEqualTo("0");
  }

  /**
   * MariaDB's read_only lets READ_ONLY ADMIN write, which root's ALL PRIVILEGES includes: the chart
   * takes it from root, so even root leaves a replica's GTIDs alone.
   */
  @Test
  @Order(5)
  void evenRootCannotWriteToAReplica() throws Exception {
    String gtids = sql(pod(1), "SELECT @@GLOBAL.gtid_current_pos");
    Shell.Result r = sandbox.sql(pod(1), "INSERT INTO app.t VALUES (30001, 'root')");
    assertThat(r.ok()).isFalse();
    assertThat(r.output()).contains("read-only");
    assertThat(sql(pod(1), "SELECT @@GLOBAL.gtid_current_pos")).isEqualTo(gtids);
    assertThat(sandbox.replication(pod(1))).contains("io=Yes sql=Yes");
  }

  @Test
  @Order(6)
  void aReplicaWhoseReplicationStoppedLeavesTheReadService() throws Exception {
    sql(pod(2), "STOP SLAVE");
    await(
        "pod 2 out of the read Service",
        Duration.ofSeconds(30),
        () -> !sandbox.endpoints(replicasService).contains(pod(2)));
    assertThat(sandbox.endpoints(replicasService)).containsExactly(pod(1));
    sql(pod(2), "START SLAVE");
    await(
        "pod 2 back in the read Service",
        Duration.ofSeconds(30),
        () -> sandbox.endpoints(replicasService).contains(pod(2)));
  }

  @Test
  @Order(7)
  void aRestartedReplicaResumesReplicationWithoutCloningAgain() throws Exception {
    int clonesBefore = countOf(log(pod(1), "clone-mysql"), "cloning from");
    sandbox.restart(pod(1));
    await("pod 1 ready after its restart", Duration.ofSeconds(120), () -> allReady(3));
    assertThat(countOf(log(pod(1), "clone-mysql"), "cloning from")).isEqualTo(clonesBefore);
    assertThat(log(pod(1), "clone-mysql")).contains("nothing to clone");
    sql(primaryService, "USE app; INSERT INTO t SELECT seq, MD5(seq) FROM seq_10001_to_11000");
    awaitSameData(List.of(pod(1), pod(2)));
  }

  /**
   * An OOM or liveness kill of mysqld alone: the server restarts with replication stopped
   * (skip_slave_start) and the sidecar, which did not restart, must resume it.
   */
  @Test
  @Order(8)
  void aReplicaWhoseMysqldAloneWasKilledReplicatesAgainWithin15Seconds() throws Exception {
    sandbox.kill(pod(2), "mysqld");
    long killed = System.nanoTime();
    await(
        "pod 2's server down",
        Duration.ofSeconds(5),
        () -> !sandbox.replication(pod(2)).contains("io=Yes sql=Yes"));
    await(
        "pod 2 replicating again",
        Duration.ofSeconds(15).minusNanos(System.nanoTime() - killed),
        () -> sandbox.replication(pod(2)).matches("from " + pod(0) + " io=Yes sql=Yes .*"));
    System.out.printf(
        "mysqld of %s replicating again %d ms after the kill%n",
        pod(2), (System.nanoTime() - killed) / 1_000_000);
    assertThat(log(pod(2), "sidecar")).contains("the local server restarted");
    sql(primaryService, "CREATE TABLE app.k (id INT PRIMARY KEY); INSERT INTO app.k VALUES (1)");
    await(
        "pod 2 applying a new write",
        Duration.ofSeconds(30),
        () -> {
          try {
            return sandbox.sql(pod(2), "SELECT COUNT(*) FROM app.k").output().trim().equals("1");
          } catch (IOException e) {
            return false;
          }
        });
  }

  @Test
  @Order(9)
  void aReplicaThatLostItsVolumeClonesAgainAndCatchesUp() throws Exception {
    int clonesBefore = countOf(log(pod(2), "clone-mysql"), "cloning from");
    sandbox.wipe(pod(2));
    sandbox.restart(pod(2));
    await("pod 2 ready after its volume was lost", Duration.ofSeconds(180), () -> allReady(3));
    assertThat(countOf(log(pod(2), "clone-mysql"), "cloning from")).isEqualTo(clonesBefore + 1);
    awaitSameData(List.of(pod(1), pod(2)));
  }

  @Test
  @Order(10)
  void aNewPodIsSeededWithEverythingAfterThePrimaryPurgedItsBinaryLogsAndAPeerIsDown()
      throws Exception {
    sql(primaryService, "USE app; INSERT INTO t SELECT seq, MD5(seq) FROM seq_11001_to_12000");
    sql(pod(0), "FLUSH BINARY LOGS");
    // A log a replica still reads is kept until the replicas moved on to the new one.
    await(
        "the primary to keep one binary log only",
        Duration.ofSeconds(30),
        () -> {
          try {
            sql(pod(0), "PURGE BINARY LOGS BEFORE NOW() + INTERVAL 1 SECOND");
            return sql(pod(0), "SHOW BINARY LOGS").lines().count() == 1;
          } catch (IOException e) {
            return false;
          }
        });
    sandbox.partition(pod(1));
    try {
      sandbox.scale(5);
      await(
          "pods 3 and 4 ready",
          Duration.ofSeconds(240),
          () ->
              sandbox.podNames().size() == 5 && sandbox.isReady(pod(3)) && sandbox.isReady(pod(4)));
      for (int i = 3; i <= 4; i++) {
        assertThat(log(pod(i), "clone-mysql"))
            .contains("clone done")
            .doesNotContain("cloning from " + pod(1));
        assertThat(sql(pod(i), "SELECT COUNT(*) FROM app.t")).isEqualTo("12000");
      }
      awaitSameData(List.of(pod(2), pod(3), pod(4)));
    } finally {
      sandbox.heal(pod(1));
    }
    // Readiness alone does not say replication is back: pod 1's readiness probe allows a few
    // failures in a row (failureThreshold), and its IO thread reconnects only after the heal.
    await(
        "5 ready pods, each writable or replicating",
        Duration.ofSeconds(60),
        () ->
            allReady(5)
                && sandbox.status().stream()
                    .allMatch(
                        line -> line.contains("writable") || line.contains("io=Yes sql=Yes")));
    assertThat(sandbox.status())
        .hasSize(5)
        .allSatisfy(line -> assertThat(line).containsAnyOf("writable", "io=Yes sql=Yes"));
  }

  @Test
  @Order(11)
  void scalingDownLeavesTheRestReplicating() throws Exception {
    sandbox.scale(3);
    assertThat(sandbox.podNames()).containsExactly(pod(0), pod(1), pod(2));
    sql(primaryService, "USE app; INSERT INTO t SELECT seq, MD5(seq) FROM seq_12001_to_13000");
    awaitSameData(List.of(pod(1), pod(2)));
    await("3 ready pods", Duration.ofSeconds(30), () -> allReady(3));
  }

  @Test
  @Order(12)
  void aKilledPrimaryRestartsReadOnlyAndIsElectedAgainWhenEveryPodAnswers() throws Exception {
    String before = checksum(pod(0));
    sandbox.kill(pod(0));
    await(
        "pod 0's server back and writable",
        Duration.ofSeconds(120),
        () -> "writable".equals(sandbox.replication(pod(0))) && allReady(3));
    assertThat(log(pod(0), "sidecar"))
        .contains("no primary and every pod reachable; this server is the most advanced");
    assertThat(sandbox.endpoints(primaryService)).containsExactly(pod(0));
    assertThat(checksum(pod(0))).isEqualTo(before);
    sql(primaryService, "USE app; INSERT INTO t SELECT seq, MD5(seq) FROM seq_13001_to_13100");
    awaitSameData(List.of(pod(1), pod(2)));
  }

  @Test
  @Order(13)
  void theFailoverJobPromotesTheMostAdvancedReplicaWithoutLosingAcknowledgedWrites()
      throws Exception {
    sql(primaryService, "USE app; INSERT INTO t SELECT seq, MD5(seq) FROM seq_20001_to_20500");
    String acknowledged = sql(pod(0), "SELECT COUNT(*) FROM app.t");
    sandbox.partition(pod(0));
    try {
      Sandbox.JobRun run =
          sandbox.runJob(sandbox.statefulSet() + "-failover", Duration.ofSeconds(180));
      System.out.println("--- log of " + run.name() + " ---\n" + run.log());
      assertThat(run.exitCode()).as(run.log()).isZero();
      assertThat(run.log())
          .contains("step 1/6", "step 2/6", "step 3/6", "step 4/6", "step 5/6", "step 6/6")
          .contains("chosen: " + pod(1))
          .contains("failover done");
      await(
          "the primary Service on pod 1",
          Duration.ofSeconds(60),
          () -> sandbox.endpoints(primaryService).equals(List.of(pod(1))));
      assertThat(sandbox.replication(pod(1))).isEqualTo("writable");
      assertThat(sql(pod(1), "SELECT COUNT(*) FROM app.t")).isEqualTo(acknowledged);
      sql(primaryService, "USE app; INSERT INTO t SELECT seq, MD5(seq) FROM seq_20501_to_20600");
      String expected = checksum(pod(1));
      await(
          "pod 2 following pod 1",
          Duration.ofSeconds(60),
          () ->
              checksum(pod(2)).equals(expected)
                  && sandbox.replication(pod(2)).startsWith("from " + pod(1)));
    } finally {
      sandbox.heal(pod(0));
    }
    // The Job deleted pod 0 while it was cut off; like a kubelet on a partitioned node, the
    // sandbox acts on that only once the pod reaches the API again, so pod 0 may rejoin, be
    // recreated, and rejoin again: wait for the end state, label included.
    await(
        "the old primary back as a replica of pod 1",
        Duration.ofSeconds(180),
        () ->
            sandbox.replication(pod(0)).startsWith("from " + pod(1))
                && allReady(3)
                && "replica".equals(sandbox.labels(pod(0)).get("replichart.dev/role")));
    assertThat(checksum(pod(0))).isEqualTo(checksum(pod(1)));
  }

  /**
   * A write made on a replica (an operator opened it for a moment) gives it a transaction the
   * primary lacks. Under the default policy (report) the replica is taken out of the read Service
   * and reported in its log, as a Warning Event and in the sandbox status, with what resolves it;
   * its data is left alone. The next scenario resolves it so, by wiping pod 0.
   */
  @Test
  @Order(14)
  void underTheDefaultPolicyAnErrantReplicaIsReportedAndLeftAlone() throws Exception {
    assertThat(sandbox.endpoints(primaryService)).containsExactly(pod(1));
    sql(primaryService, "CREATE TABLE IF NOT EXISTS app.errant (id INT PRIMARY KEY)");
    await(
        "the table on pod 0",
        Duration.ofSeconds(60),
        () -> {
          try {
            return sandbox.sql(pod(0), "SELECT COUNT(*) FROM app.errant").ok() && allReady(3);
          } catch (IOException e) {
            return false;
          }
        });
    int clones = countOf(log(pod(0), "clone-mysql"), "cloning from");
    List<String> operator =
        List.of(
            "mariadb",
            "--socket=" + sandbox.socket(pod(0)),
            "-u",
            "operator",
            "--password=" + sandbox.secret(SecretKeys.OPERATOR));
    Shell.Result r = Shell.run(operator, "SET GLOBAL read_only = OFF;", 30);
    assertThat(r.ok()).as(r.output()).isTrue();
    sql(pod(0), "INSERT INTO app.errant VALUES (7)");
    r = Shell.run(operator, "SET GLOBAL read_only = ON;", 30);
    assertThat(r.ok()).as(r.output()).isTrue();
    await(
        "pod 0 reported errant and out of the read Service",
        Duration.ofSeconds(60),
        () -> {
          try {
            return log(pod(0), "sidecar").contains("ERRANT transactions")
                && !sandbox.endpoints(replicasService).contains(pod(0))
                && sandbox.status().stream()
                    .anyMatch(line -> line.startsWith(pod(0)) && line.contains("errant"));
          } catch (IOException e) {
            return false;
          }
        });
    assertThat(log(pod(0), "sidecar")).contains("to resolve:", "errantPolicy reclone");
    assertThat(sandbox.events(pod(0))).anyMatch(e -> e.startsWith("Warning ErrantTransactions"));
    Thread.sleep(5_000);
    assertThat(countOf(log(pod(0), "clone-mysql"), "cloning from")).isEqualTo(clones);
    assertThat(sandbox.events(pod(0))).noneMatch(e -> e.contains("Recloning"));
    assertThat(sandbox.endpoints(replicasService)).doesNotContain(pod(0));
    assertThat(sql(pod(0), "SELECT COUNT(*) FROM app.errant")).isEqualTo("1");
  }

  /**
   * Pod 0 holds an errant write (previous scenario) and then misses one of the primary's; the
   * primary is lost. Each of pods 0 and 1 holds transactions the other lacks: no promotion keeps
   * both, so the failover Job refuses, changing nothing, and it and the sidecars say what resolves
   * it. The next scenario does that.
   */
  @Test
  @Order(15)
  void withDivergedGtidSetsNothingIsPromotedAndTheLogsSayWhatResolvesIt() throws Exception {
    assertThat(sandbox.endpoints(primaryService)).containsExactly(pod(1));
    sql(pod(0), "STOP SLAVE");
    sql(primaryService, "INSERT INTO app.errant VALUES (8)");
    await(
        "the primary's write on pod 2",
        Duration.ofSeconds(30),
        () -> {
          try {
            return sql(pod(2), "SELECT COUNT(*) FROM app.errant WHERE id = 8").equals("1");
          } catch (IOException e) {
            return false;
          }
        });
    sandbox.kill(pod(1));
    await(
        "pod 1 restarted read-only",
        Duration.ofSeconds(60),
        () -> sandbox.replication(pod(1)).startsWith("read-only"));
    Sandbox.JobRun run =
        sandbox.runJob(sandbox.statefulSet() + "-failover", Duration.ofSeconds(180));
    System.out.println("--- log of " + run.name() + " ---\n" + run.log());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.log())
        .contains("diverged GTID sets", "kubectl delete pvc", "not promoting")
        .doesNotContain("step 4/6");
    await(
        "a sidecar saying the sets diverge",
        Duration.ofSeconds(30),
        () ->
            sandbox.podNames().stream()
                .anyMatch(
                    p -> {
                      try {
                        return log(p, "sidecar").contains("diverged GTID sets");
                      } catch (IOException e) {
                        return false;
                      }
                    }));
    for (String p : sandbox.podNames()) {
      assertThat(sandbox.replication(p)).as(p).isNotEqualTo("writable");
    }
    assertThat(sandbox.endpoints(primaryService)).isEmpty();
  }

  /**
   * Pod 0 with an empty volume once the cluster exists: the state ConfigMap says it was
   * initialised, so pod 0 clones a peer and replicates instead of bootstrapping an empty primary.
   * This is also what resolves the diverged sets of the previous scenario: with pod 0's errant data
   * gone, the failover Job promotes pod 1 again.
   */
  @Test
  @Order(16)
  void pod0WithAWipedVolumeRejoinsWithTheClustersDataInsteadOfBootstrapping() throws Exception {
    int bootstraps = countOf(log(pod(0), "init-mysql"), "bootstrapping a new cluster");
    sandbox.wipe(pod(0));
    sandbox.restart(pod(0));
    Sandbox.JobRun run =
        sandbox.runJob(sandbox.statefulSet() + "-failover", Duration.ofSeconds(180));
    System.out.println("--- log of " + run.name() + " ---\n" + run.log());
    if (run.exitCode() == 0) {
      assertThat(run.log()).contains("chosen: " + pod(1));
    } else {
      // Every pod answered before the Job ran, and pod 1's sidecar re-elected it (the most
      // advanced once pod 0's errant data is gone): the Job finds it writable and stands down.
      assertThat(run.log()).contains(pod(1) + " is writable and answers");
    }
    await(
        "pod 0 back as a replica",
        Duration.ofSeconds(180),
        () -> sandbox.replication(pod(0)).startsWith("from " + pod(1)) && allReady(3));
    assertThat(log(pod(0), "init-mysql")).contains("this cluster was initialised");
    assertThat(countOf(log(pod(0), "init-mysql"), "bootstrapping a new cluster"))
        .isEqualTo(bootstraps);
    assertThat(sandbox.endpoints(primaryService)).containsExactly(pod(1));
    assertThat(checksum(pod(0))).isEqualTo(checksum(pod(1)));
    assertThat(sql(pod(0), "SELECT COUNT(*) FROM app.errant WHERE id = 7")).isEqualTo("0");
  }

  @Test
  @Order(17)
  void downLeavesNoNamespaceProcessMountOrDirectory() throws Exception {
    Set<Long> pids = new HashSet<>();
    for (String line : Shell.run("ip", "netns", "list").output().split("\n")) {
      String ns = line.split("\\s+")[0];
      if (ns.startsWith(Sandbox.PREFIX)) {
        for (String pid : Shell.run("ip", "netns", "pids", ns).output().split("\\s+")) {
          if (pid.matches("\\d+")) {
            pids.add(Long.parseLong(pid));
          }
        }
      }
    }
    assertThat(pids).isNotEmpty();
    sandbox.close();
    sandbox.close();
    sandbox = null;
    assertThat(Shell.run("ip", "netns", "list").output()).doesNotContain(Sandbox.PREFIX);
    assertThat(Shell.run("ip", "-o", "link", "show").output()).doesNotContain(Sandbox.PREFIX);
    // A killed child is gone once the JVM's process reaper collected it.
    await(
        "every process of the sandbox to be gone",
        Duration.ofSeconds(15),
        () -> pids.stream().noneMatch(pid -> Files.exists(Path.of("/proc/" + pid))));
    assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(STATE.toString());
    assertThat(STATE).doesNotExist();
    Sandbox.down(STATE);
  }

  private static int countOf(String text, String needle) {
    int count = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      count++;
    }
    return count;
  }
}
