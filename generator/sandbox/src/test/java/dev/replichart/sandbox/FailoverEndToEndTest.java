package dev.replichart.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.replichart.kube.JobEnvironment;
import dev.replichart.kube.SecretKeys;
import dev.replichart.pipeline.ChartGenerator;
import dev.replichart.render.ChartWriter;
import dev.replichart.render.RenderedChart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Failover without a human and without a lost write (issue 11), end to end with real MariaDB: the
 * chart of {@code examples/mariadb.yaml} with automatic failover ({@link AutomaticFailoverSpec})
 * and errantPolicy reclone. A write client records every acknowledged insert through the primary
 * Service; a checker samples every pod's writability and fails on two writable servers at once.
 * Scenarios build on each other.
 */
@Tag("e2e")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailoverEndToEndTest {
  private static final Path STATE = Path.of("/var/tmp/replichart-sandbox-failover");
  private static Sandbox sandbox;
  private static String primaryService;
  private static WritersChecker writers;

  @BeforeAll
  static void up() throws Exception {
    List<String> missing = Prerequisites.missing();
    if (!missing.isEmpty()) {
      if ("true".equals(System.getenv("CI"))) {
        fail("the sandbox cannot run in CI: " + missing);
      }
      Assumptions.abort("sandbox prerequisites missing (run as root after make deps): " + missing);
    }
    Path work = Files.createTempDirectory("replichart-failover");
    RenderedChart rendered = new ChartGenerator().render(AutomaticFailoverSpec.write(work));
    Path chart = work.resolve(rendered.name());
    ChartWriter.writeFiles(rendered, chart);
    Path values = work.resolve("sandbox.yaml");
    Files.writeString(
        values,
        """
        replication:
          bootstrapGraceSeconds: 5
          maxLagSeconds: 10
          errantPolicy: reclone
        failover:
          missedChecks: 2
        """);
    sandbox = Sandbox.up(chart, List.of(values), 3, STATE);
    primaryService = sandbox.statefulSet() + "-primary";
    await("3 ready pods, pod 0 primary", Duration.ofSeconds(240), () -> allReady() && primaryIs(0));
    writers = new WritersChecker(sandbox);
    writers.start();
  }

  @AfterAll
  static void down() {
    if (writers != null) {
      writers.stop();
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }

  private static String pod(int ordinal) {
    return sandbox.statefulSet() + "-" + ordinal;
  }

  private static boolean primaryIs(int ordinal) {
    return sandbox.endpoints(primaryService).equals(List.of(pod(ordinal)));
  }

  private static String primary() {
    List<String> endpoints = sandbox.endpoints(primaryService);
    return endpoints.size() == 1 ? endpoints.get(0) : null;
  }

  private static boolean allReady() {
    return sandbox.podNames().size() == 3 && sandbox.podNames().stream().allMatch(sandbox::isReady);
  }

  private static void await(String what, Duration timeout, BooleanSupplier condition)
      throws Exception {
    await(what, timeout, condition, Duration.ofMillis(250));
  }

  private static void await(
      String what, Duration timeout, BooleanSupplier condition, Duration pollEvery)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(pollEvery.toMillis());
    }
    StringBuilder diagnosis = new StringBuilder("timed out waiting for " + what + "\n");
    if (sandbox != null) {
      sandbox.status().forEach(line -> diagnosis.append(line).append('\n'));
      for (String name : sandbox.podNames()) {
        diagnosis.append("--- ").append(name).append("/sidecar\n").append(tail(name, 40));
      }
    }
    fail(diagnosis.toString());
  }

  private static String tail(String pod, int lines) {
    try {
      List<String> all =
          Files.readAllLines(sandbox.logFile(pod, "sidecar"), StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())) + "\n";
    } catch (IOException e) {
      return "(no log)\n";
    }
  }

  private static String log(String pod, String container) throws IOException {
    Path file = sandbox.logFile(pod, container);
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  private static int countOf(String text, String what) {
    int count = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
      count++;
    }
    return count;
  }

  private static String sql(String target, String query) throws IOException {
    Shell.Result r = sandbox.sql(target, query);
    assertThat(r.ok()).as("%s on %s: %s", query, target, r.output()).isTrue();
    return r.output().trim();
  }

  private static String replication(String pod) {
    return sandbox.replication(pod);
  }

  /** Runs the client for a while after a disruption and checks that nothing it was told is gone. */
  private static void assertNoAcknowledgedWriteLost(WriteClient client) throws Exception {
    String now = primary();
    assertThat(now).as("one primary behind the Service").isNotNull();
    assertThat(client.missingOn(now)).as("acknowledged ids missing on %s", now).isEmpty();
    assertThat(writers.violations()).as("two writable servers at once").isEmpty();
  }

  /** Writes acknowledged after the client's last failed attempt. */
  private static long acknowledgedSinceLastFailure(WriteClient client) {
    List<WriteClient.Failure> failures = client.failures();
    long since = failures.isEmpty() ? Long.MIN_VALUE : failures.get(failures.size() - 1).nanos();
    return client.acknowledged().stream().filter(a -> a.ackNanos() > since).count();
  }

  private static WriteClient writing() throws Exception {
    WriteClient client = new WriteClient(sandbox, primaryService);
    client.start();
    await("acknowledged writes", Duration.ofSeconds(30), () -> client.acknowledged().size() >= 20);
    return client;
  }

  @Test
  @Order(1)
  void aSwitchoverToAStoppedReplicaIsRefusedAndChangesNothing() throws Exception {
    sql(pod(1), "STOP SLAVE");
    try {
      Sandbox.JobRun run =
          sandbox.runJob(
              sandbox.statefulSet() + "-switchover",
              Duration.ofSeconds(120),
              Map.of(JobEnvironment.TARGET_POD, pod(1)));
      System.out.println("--- log of " + run.name() + " ---\n" + run.log());
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.log()).contains("is not replicating from the primary", "nothing changed");
      assertThat(primaryIs(0)).isTrue();
      assertThat(replication(pod(0))).isEqualTo("writable");
    } finally {
      sql(pod(1), "START SLAVE");
    }
    await("pod 1 replicating again", Duration.ofSeconds(30), FailoverEndToEndTest::allReady);
  }

  @Test
  @Order(2)
  void theSwitchoverJobMovesThePrimaryToItsTargetWithoutLosingAnAcknowledgedWrite()
      throws Exception {
    WriteClient client = writing();
    Sandbox.JobRun run =
        sandbox.runJob(
            sandbox.statefulSet() + "-switchover",
            Duration.ofSeconds(120),
            Map.of(JobEnvironment.TARGET_POD, pod(2)));
    System.out.println("--- log of " + run.name() + " ---\n" + run.log());
    assertThat(run.exitCode()).as(run.log()).isZero();
    assertThat(run.log()).contains("switchover done", "the primary is " + pod(2));
    await("the primary Service on pod 2", Duration.ofSeconds(30), () -> primaryIs(2));
    int before = client.acknowledged().size();
    await(
        "writes through pod 2",
        Duration.ofSeconds(30),
        () -> client.acknowledged().size() > before + 20);
    client.stop();
    assertNoAcknowledgedWriteLost(client);
    await(
        "pods 0 and 1 replicating from pod 2",
        Duration.ofSeconds(60),
        () ->
            replication(pod(0)).startsWith("from " + pod(2))
                && replication(pod(1)).startsWith("from " + pod(2))
                && allReady());
  }

  @Test
  @Order(3)
  void killingThePrimaryUnderWritesFailsOverByItselfWithoutLosingAnAcknowledgedWrite()
      throws Exception {
    WriteClient client = writing();
    String old = primary();
    sandbox.kill(old);
    await(
        "a new primary behind the Service",
        Duration.ofSeconds(60),
        () -> primary() != null && acknowledgedSinceLastFailure(client) > 10);
    client.stop();
    System.out.println("recovery: longest gap between acknowledged writes " + client.longestGap());
    assertNoAcknowledgedWriteLost(client);
    await(
        "a sidecar's log saying the failover is done",
        Duration.ofSeconds(60),
        () ->
            sandbox.podNames().stream()
                .anyMatch(
                    p -> {
                      try {
                        return log(p, "sidecar").contains("failover done");
                      } catch (IOException e) {
                        return false;
                      }
                    }));
    await("every pod ready again", Duration.ofSeconds(120), FailoverEndToEndTest::allReady);
  }

  @Test
  @Order(4)
  void cuttingOnlyAReplicasLinkToThePrimaryCausesNoFailover() throws Exception {
    String primary = primary();
    String replica =
        sandbox.podNames().stream().filter(p -> !p.equals(primary)).findFirst().orElseThrow();
    sandbox.partition(replica, primary);
    try {
      await(
          "the cut replica noticing",
          Duration.ofSeconds(60),
          () -> {
            try {
              return log(replica, "sidecar").contains("only this pod's link is cut");
            } catch (IOException e) {
              return false;
            }
          });
      Thread.sleep(3_000);
      assertThat(primary()).isEqualTo(primary);
      assertThat(replication(primary)).isEqualTo("writable");
    } finally {
      sandbox.heal(replica, primary);
    }
    sql(primaryService, "CREATE TABLE IF NOT EXISTS app.after_cut (id INT PRIMARY KEY)");
    sql(primaryService, "INSERT INTO app.after_cut VALUES (1)");
    await(
        "the cut replica caught up",
        Duration.ofSeconds(60),
        () -> {
          try {
            Shell.Result r = sandbox.sql(replica, "SELECT COUNT(*) FROM app.after_cut");
            return r.ok() && r.output().trim().equals("1") && allReady();
          } catch (IOException e) {
            return false;
          }
        });
    assertThat(writers.violations()).isEmpty();
  }

  /**
   * A client on the old primary's side of a partition (through its socket) keeps writing while the
   * primary is cut off. Whatever the old primary acknowledged must be on the new primary: after the
   * cut, its commits wait for a semi-sync acknowledgement no replica can give, and its sidecar
   * fences it before the timeout would let one through.
   */
  @Test
  @Order(5)
  void aPartitionedPrimaryAcknowledgesNothingTheNewPrimaryLacksAndRejoinsAfterHeal()
      throws Exception {
    WriteClient client = writing();
    String old = primary();
    LocalWriter local = new LocalWriter(old);
    local.start();
    await("local writes on " + old, Duration.ofSeconds(30), () -> local.acknowledged.size() >= 5);
    sandbox.partition(old);
    try {
      await(
          "a new primary behind the Service",
          Duration.ofSeconds(90),
          () -> primary() != null && !old.equals(primary()));
      await(
          "the old primary fencing itself",
          Duration.ofSeconds(60),
          () -> {
            try {
              return log(old, "sidecar").contains("fencing (client sessions killed, read-only)");
            } catch (IOException e) {
              return false;
            }
          });
      Thread.sleep(6_000); // the old primary's blocked sessions have been killed by now
    } finally {
      local.stop();
      client.stop();
    }
    String now = primary();
    List<Long> lost = new ArrayList<>();
    String present = sql(now, "SELECT GROUP_CONCAT(id) FROM app.local_writes");
    List<String> ids = List.of(present.split(","));
    for (long id : local.acknowledged) {
      if (!ids.contains(String.valueOf(id))) {
        lost.add(id);
      }
    }
    assertThat(lost).as("writes the old primary acknowledged that %s lacks", now).isEmpty();
    assertNoAcknowledgedWriteLost(client);
    sandbox.heal(old);
    await(
        "the old primary back as a replica of " + now,
        Duration.ofSeconds(240),
        () -> replication(old).startsWith("from " + now) && allReady());
  }

  @Test
  @Order(6)
  void aWriteOnAReplicaIsFoundErrantLeavesTheReadServiceAndIsRecloned() throws Exception {
    String primary = primary();
    String replica =
        sandbox.podNames().stream().filter(p -> !p.equals(primary)).findFirst().orElseThrow();
    int reported = countOf(log(replica, "sidecar"), "ERRANT transactions");
    int recloned = countOf(log(replica, "clone-mysql"), "errantPolicy reclone: replacing");
    sql(primaryService, "CREATE TABLE IF NOT EXISTS app.errant (id INT PRIMARY KEY)");
    await("the table on " + replica, Duration.ofSeconds(30), () -> allReady());
    // A person with the operator account opens the replica for writes for a moment and writes
    // through it: two writable servers on purpose, so the checker pauses meanwhile.
    writers.stop();
    List<String> operator =
        List.of(
            "mariadb",
            "--socket=" + sandbox.socket(replica),
            "-u",
            "operator",
            "--password=" + sandbox.secret(SecretKeys.OPERATOR));
    Shell.Result r = Shell.run(operator, "SET GLOBAL read_only = OFF;", 30);
    assertThat(r.ok()).as(r.output()).isTrue();
    sql(replica, "INSERT INTO app.errant VALUES (42)");
    r = Shell.run(operator, "SET GLOBAL read_only = ON;", 30);
    assertThat(r.ok()).as(r.output()).isTrue();
    writers = new WritersChecker(sandbox);
    writers.start();
    await(
        "the errant replica reported",
        Duration.ofSeconds(60),
        () -> {
          try {
            return countOf(log(replica, "sidecar"), "ERRANT transactions") > reported;
          } catch (IOException e) {
            return false;
          }
        });
    await(
        "the replica re-cloned and replicating",
        Duration.ofSeconds(240),
        () -> {
          try {
            return countOf(log(replica, "clone-mysql"), "errantPolicy reclone: replacing")
                    > recloned
                && replication(replica).startsWith("from " + primary)
                && allReady();
          } catch (IOException e) {
            return false;
          }
        });
    assertThat(sql(replica, "SELECT COUNT(*) FROM app.errant")).isEqualTo("0");
  }

  @Test
  @Order(7)
  void withTwoPodsUnreachableTheFailoverJobRefusesAndChangesNothing() throws Exception {
    String primary = primary();
    List<String> replicas = sandbox.podNames().stream().filter(p -> !p.equals(primary)).toList();
    sandbox.partition(primary);
    sandbox.partition(replicas.get(0));
    try {
      // A sidecar may hold the failover Lease from a round that the partition cut short: the Job
      // then refuses for that reason until the Lease expires (30 s), which is right too.
      Sandbox.JobRun run;
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      do {
        run =
            sandbox.runJob(sandbox.statefulSet() + "-failover", Duration.ofSeconds(120), Map.of());
        System.out.println("--- log of " + run.name() + " ---\n" + run.log());
        assertThat(run.exitCode()).isEqualTo(1);
        if (!run.log().contains("Lease")) {
          break;
        }
        Thread.sleep(5_000);
      } while (System.nanoTime() < deadline);
      assertThat(run.log()).contains("pods are unreachable", "FORCE=yes");
      assertThat(sandbox.labels(replicas.get(1))).containsEntry("replichart.dev/role", "replica");
      assertThat(replication(replicas.get(1))).isNotEqualTo("writable");
    } finally {
      sandbox.heal(primary);
      sandbox.heal(replicas.get(0));
    }
    await(
        "the cluster whole again", Duration.ofSeconds(120), () -> allReady() && primary() != null);
    assertThat(writers.violations()).isEmpty();
  }

  @Test
  @Order(8)
  void killingEveryPodUnderWritesLeavesOneWritablePrimaryAndNoLostWrite() throws Exception {
    WriteClient client = writing();
    List<String> pods = new ArrayList<>(sandbox.podNames());
    java.util.Collections.reverse(pods);
    for (String p : pods) {
      sandbox.kill(p);
    }
    await(
        "one primary again, writes acknowledged",
        Duration.ofSeconds(180),
        () -> primary() != null && acknowledgedSinceLastFailure(client) > 10);
    client.stop();
    assertNoAcknowledgedWriteLost(client);
    await("every pod ready again", Duration.ofSeconds(180), FailoverEndToEndTest::allReady);
    long writable =
        sandbox.podNames().stream().filter(p -> replication(p).equals("writable")).count();
    assertThat(writable).isEqualTo(1);
  }

  /**
   * The network comes back while the failover runs: the primary is cut off from everything, and
   * healed the moment a sidecar says it fails over. Whether the failover then completes (the old
   * primary is deleted and rejoins) or finds the primary again and stands down, the cluster ends
   * with one writable primary, every pod ready, and every acknowledged write.
   */
  @Test
  @Order(9)
  void aNetworkThatComesBackMidFailoverLeavesOneWriterAndNoStuckCluster() throws Exception {
    await("every pod ready", Duration.ofSeconds(120), FailoverEndToEndTest::allReady);
    WriteClient client = writing();
    String old = primary();
    int before = failingOverLines();
    sandbox.partition(old);
    try {
      await(
          "a sidecar starting a failover",
          Duration.ofSeconds(60),
          () -> failingOverLines() > before,
          Duration.ofMillis(20));
    } finally {
      sandbox.heal(old);
    }
    await(
        "one primary again, writes acknowledged",
        Duration.ofSeconds(120),
        () -> primary() != null && acknowledgedSinceLastFailure(client) > 10);
    await("every pod ready again", Duration.ofSeconds(240), FailoverEndToEndTest::allReady);
    client.stop();
    assertNoAcknowledgedWriteLost(client);
    long writable =
        sandbox.podNames().stream().filter(p -> replication(p).equals("writable")).count();
    assertThat(writable).isEqualTo(1);
    String now = primary();
    for (String p : sandbox.podNames()) {
      if (!p.equals(now)) {
        assertThat(replication(p)).startsWith("from " + now);
      }
    }
  }

  private static int failingOverLines() {
    int count = 0;
    for (String p : sandbox.podNames()) {
      try {
        count += countOf(log(p, "sidecar"), "from every vantage point: failing over");
      } catch (IOException e) {
        // a pod being recreated has no log for a moment
      }
    }
    return count;
  }

  /** Inserts through one pod's socket, as a client on that pod's node would; records the acks. */
  private static final class LocalWriter {
    final List<Long> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
    private final String pod;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private Thread thread;

    LocalWriter(String pod) {
      this.pod = pod;
    }

    void start() throws IOException {
      sql(pod, "CREATE TABLE IF NOT EXISTS app.local_writes (id BIGINT PRIMARY KEY)");
      String password = sandbox.secret(SecretKeys.APP);
      thread =
          new Thread(
              () -> {
                long id = 1;
                while (running.get()) {
                  Shell.Result r =
                      Shell.run(
                          List.of(
                              "mariadb",
                              "--socket=" + sandbox.socket(pod),
                              "-u",
                              "app",
                              "--password=" + password),
                          "INSERT INTO app.local_writes VALUES (" + id + ")",
                          30);
                  if (r.ok()) {
                    acknowledged.add(id);
                  }
                  id++;
                }
              },
              "local-writer-" + pod);
      thread.start();
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join(60_000);
    }
  }
}
