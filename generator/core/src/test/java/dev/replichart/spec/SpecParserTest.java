package dev.replichart.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.replichart.TestFiles;
import dev.replichart.problem.Problem;
import dev.replichart.problem.ProblemsException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecParserTest {

  private static List<Problem> problemsOf(String yaml) {
    try {
      SpecParser.parse(yaml, "spec.yaml", "spec.yaml");
    } catch (ProblemsException e) {
      return e.problems();
    }
    throw new AssertionError("expected problems for:\n" + yaml);
  }

  private static final String HEAD =
      "apiVersion: replichart.dev/v1alpha1\nkind: MySQLCluster\nmetadata:\n  name: db\n";

  @Test
  void parsesTheSdncExampleWithEveryField() throws Exception {
    ClusterSpec spec = SpecParser.parse(TestFiles.repoRoot().resolve("examples/sdnc-db.yaml"));
    assertThat(spec.name()).isEqualTo("sdnc-db");
    assertThat(spec.source()).isEqualTo("sdnc-db.yaml");
    assertThat(spec.chart().version()).isEqualTo("1.0.0");
    assertThat(spec.engine()).isEqualTo(new ClusterSpec.Engine(Flavor.MYSQL, "8.0"));
    assertThat(spec.replicas()).isEqualTo(3);
    assertThat(spec.replication().semiSync()).isEqualTo(new ClusterSpec.SemiSync(true, 10_000, 1));
    assertThat(spec.cloning())
        .isEqualTo(new ClusterSpec.CloneSettings(CloneMethod.CLONE_PLUGIN, 3307));
    assertThat(spec.storage().provisioner())
        .isEqualTo(
            new ClusterSpec.NfsProvisioner(
                "/dockerdata-nfs",
                new java.util.TreeMap<>(java.util.Map.of("replichart.dev/nfs-server", "true"))));
    assertThat(spec.failover()).isEqualTo(new ClusterSpec.Failover(true, false));
    assertThat(spec.auth()).isEqualTo(new ClusterSpec.Auth("", false, "sdnctl", "sdnctl"));
    assertThat(spec.mysqlConfig())
        .containsEntry("max_connections", "500")
        .containsEntry("innodb_buffer_pool_size", "512M");
  }

  @Test
  void rejectsNfsNodeSelectorLabelsKubernetesRefusesWhereTheyAre() {
    String value64 = "v".repeat(64);
    List<Problem> problems =
        problemsOf(
            HEAD
                + "spec:\n  storage:\n    provisioner:\n      type: nfs\n"
                + "      backing: {hostPath: /srv/nfs}\n      nodeSelector:\n"
                + "        bad key!: x\n"
                + "        disk: "
                + value64
                + "\n        zone: \"a b\"\n        replichart.dev/nfs-server: \"true\"\n");
    assertThat(problems.stream().map(Problem::format))
        .containsExactly(
            "spec.yaml:11:9: spec.storage.provisioner.nodeSelector.bad key!: 'bad key!' is not a"
                + " valid label key (an optional DNS subdomain and '/', then at most 63 letters,"
                + " digits, '-', '_' and '.', starting and ending with a letter or digit)",
            "spec.yaml:12:15: spec.storage.provisioner.nodeSelector.disk: a label value is at most"
                + " 63 characters, got 64",
            "spec.yaml:13:15: spec.storage.provisioner.nodeSelector.zone: 'a b' is not a valid"
                + " label value (letters, digits, '-', '_' and '.', starting and ending with a"
                + " letter or digit; or empty)");
    assertThat(problems).extracting(Problem::checkId).containsOnly("SPEC-VALUE");
  }

  @Test
  void fillsDefaultsForAMinimalSpec() throws Exception {
    ClusterSpec spec = SpecParser.parse(HEAD + "spec: {}\n", "m.yaml", "m.yaml");
    assertThat(spec.chart().name()).isEqualTo("db");
    assertThat(spec.replicas()).isEqualTo(3);
    assertThat(spec.engine().flavor()).isEqualTo(Flavor.MYSQL);
    assertThat(spec.cloning().method()).isEqualTo(CloneMethod.CLONE_PLUGIN);
    assertThat(spec.storage().provisioner()).isEqualTo(new ClusterSpec.ExistingStorageClass(""));
    assertThat(spec.failover().job()).isTrue();
  }

  @Test
  void defaultsTheCloneMethodFromTheFlavor() throws Exception {
    ClusterSpec spec =
        SpecParser.parse(
            HEAD + "spec:\n  engine:\n    flavor: mariadb\n    version: \"10.11\"\n", "m", "m");
    assertThat(spec.cloning().method()).isEqualTo(CloneMethod.MARIABACKUP_STREAM);
  }

  @Test
  void reportsAnUnknownKeyWithItsPositionAndADidYouMeanHint() {
    List<Problem> problems = problemsOf(HEAD + "spec:\n  replcias: 3\n");
    assertThat(problems).hasSize(1);
    Problem p = problems.get(0);
    assertThat(p.location().line()).isEqualTo(6);
    assertThat(p.location().column()).isEqualTo(3);
    assertThat(p.path()).isEqualTo("spec.replcias");
    assertThat(p.hint()).isEqualTo("did you mean 'replicas'?");
    assertThat(p.checkId()).isEqualTo("SPEC-UNKNOWN-KEY");
  }

  @Test
  void listsTheKnownKeysWhenNoneIsClose() {
    Problem p = problemsOf(HEAD + "spec:\n  zzzzzzzzzzzz: 1\n").get(0);
    assertThat(p.hint()).startsWith("expected one of: ").contains("replicas", "engine");
  }

  @Test
  void rejectsAWrongTypeAndSaysHowToQuoteIt() {
    Problem p = problemsOf(HEAD + "spec:\n  engine:\n    version: 8.0\n").get(0);
    assertThat(p.format())
        .isEqualTo(
            "spec.yaml:7:14: spec.engine.version: expected a string, got the number '8.0'"
                + " (quote it to make it text: \"8.0\")");
  }

  @Test
  void rejectsOutOfRangeReplicas() {
    Problem p = problemsOf(HEAD + "spec:\n  replicas: 12\n").get(0);
    assertThat(p.message()).isEqualTo("must be between 1 and 9, got 12");
    assertThat(p.checkId()).isEqualTo("SPEC-RANGE");
  }

  @Test
  void rejectsSemiSyncWithOneReplica() {
    List<Problem> problems =
        problemsOf(
            HEAD
                + "spec:\n  replicas: 1\n  failover: {job: false}\n"
                + "  replication:\n    semiSync:\n      enabled: true\n");
    assertThat(problems)
        .extracting(Problem::path)
        .containsExactly("spec.replication.semiSync.enabled");
  }

  @Test
  void rejectsWaitingForMoreReplicasThanExist() {
    List<Problem> problems =
        problemsOf(
            HEAD
                + "spec:\n  replicas: 2\n  replication:\n    semiSync:\n      enabled: true\n"
                + "      waitForReplicas: 2\n");
    assertThat(problems)
        .extracting(Problem::message)
        .containsExactly("cannot wait for 2 replica(s) when only 1 exist besides the primary");
  }

  @Test
  void rejectsReservedSettingsWrittenWithDashesToo() {
    List<Problem> problems =
        problemsOf(HEAD + "spec:\n  mysqlConfig:\n    log-bin: \"OFF\"\n    read_only: 0\n");
    assertThat(problems).extracting(Problem::checkId).containsOnly("SPEC-RESERVED");
    assertThat(problems).hasSize(2);
  }

  @Test
  void keepsNumericTunablesAsText() throws Exception {
    ClusterSpec spec =
        SpecParser.parse(HEAD + "spec:\n  mysqlConfig:\n    max_connections: 500\n", "s", "s");
    assertThat(spec.mysqlConfig()).containsEntry("max_connections", "500");
  }

  @Test
  void rejectsANonSemverChartVersion() {
    Problem p = problemsOf(HEAD + "chart:\n  version: \"1.0\"\nspec: {}\n").get(0);
    assertThat(p.path()).isEqualTo("chart.version");
  }

  @Test
  void rejectsDuplicateKeys() {
    List<Problem> problems = problemsOf(HEAD + "spec:\n  replicas: 2\n  replicas: 3\n");
    assertThat(problems).extracting(Problem::checkId).containsExactly("SPEC-DUPLICATE-KEY");
    assertThat(problems.get(0).location().line()).isEqualTo(7);
  }

  @Test
  void rejectsASecondDocument() {
    List<Problem> problems = problemsOf(HEAD + "spec: {}\n---\n" + HEAD + "spec: {}\n");
    assertThat(problems).extracting(Problem::checkId).containsExactly("SPEC-MULTI-DOC");
  }

  @Test
  void rejectsAnEmptyFile() {
    assertThat(problemsOf("")).extracting(Problem::checkId).containsExactly("SPEC-EMPTY");
  }

  @Test
  void reportsAnUnreadableFileAsAProblemNotAnException() {
    assertThatThrownBy(() -> SpecParser.parse(Path.of("/no/such/spec.yaml")))
        .isInstanceOf(ProblemsException.class)
        .satisfies(
            e ->
                assertThat(((ProblemsException) e).problems().get(0).checkId())
                    .isEqualTo("SPEC-IO"));
  }

  @Test
  void rejectsLimitsBelowRequests() {
    Problem p =
        problemsOf(
                HEAD
                    + "spec:\n  resources:\n    sidecar:\n      requests: {cpu: \"2\"}\n"
                    + "      limits: {cpu: 500m}\n")
            .get(0);
    assertThat(p.path()).isEqualTo("spec.resources.sidecar.limits.cpu");
  }

  @Test
  void rejectsAClonePortWithTheClonePlugin() {
    ProblemsException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ProblemsException.class,
            () ->
                SpecParser.parse(
                    HEAD + "spec:\n  clone:\n    method: clone-plugin\n    port: 3307\n",
                    "c.yaml",
                    "c.yaml"));
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path()).isEqualTo("spec.clone.port");
              assertThat(p.message()).contains("CLONE plugin copies over the MySQL port");
            });
  }

  @Test
  void rejectsYamlOneOneBooleansInsteadOfMisreadingThem() {
    List<Problem> problems =
        problemsOf(
            HEAD
                + "spec:\n  replication:\n    gtid: yes\n    semiSync: {enabled: on}\n"
                + "  failover:\n    automatic: yes\n    job: No\n");
    assertThat(problems)
        .extracting(Problem::path)
        .containsExactly(
            "spec.replication.gtid",
            "spec.replication.semiSync.enabled",
            "spec.failover.automatic",
            "spec.failover.job");
    assertThat(problems).extracting(Problem::hint).containsOnly("write true or false");
    assertThat(problems.get(1).message())
        .isEqualTo("'on' is not a boolean here; only true and false are");
  }

  @Test
  void readsTrueAndFalseInAnyYamlCase() throws Exception {
    ClusterSpec spec =
        SpecParser.parse(
            HEAD
                + "spec:\n  replication:\n    semiSync: {enabled: True}\n  failover: {job: FALSE}\n",
            "s",
            "s");
    assertThat(spec.replication().semiSync().enabled()).isTrue();
    assertThat(spec.failover().job()).isFalse();
  }

  @Test
  void rejectsRequiredFieldsSetToNull() {
    List<Problem> problems = problemsOf("apiVersion:\nkind: ~\nmetadata:\n  name: null\nspec: ~\n");
    assertThat(problems)
        .extracting(p -> p.path() + ": " + p.message())
        .containsExactly(
            "apiVersion: is required, got null",
            "kind: is required, got null",
            "metadata.name: is required, got null",
            "spec: is required, got null");
    assertThat(problems).extracting(Problem::checkId).containsOnly("SPEC-REQUIRED");
  }

  @Test
  void rejectsATimeoutTooLargeForALongWithoutCrashing() {
    Problem p =
        problemsOf(
                HEAD
                    + "spec:\n  replication:\n    semiSync:\n      enabled: true\n"
                    + "      timeout: 99999999999999999999s\n")
            .get(0);
    assertThat(p.format())
        .isEqualTo(
            "spec.yaml:9:16: spec.replication.semiSync.timeout: must be between 1ms and 24h,"
                + " got '99999999999999999999s'");
  }

  @Test
  void rejectsATimeoutThatWouldWrapAroundToAValidOne() {
    // 2305843009213693957 * 1000 overflows a long to 5000
    Problem p =
        problemsOf(
                HEAD
                    + "spec:\n  replication:\n    semiSync:\n      enabled: true\n"
                    + "      timeout: 2305843009213693957s\n")
            .get(0);
    assertThat(p.checkId()).isEqualTo("SPEC-RANGE");
  }

  @Test
  void rejectsIntegersBeyondAnyIntegerTypeAndInOtherBases() {
    List<Problem> problems =
        problemsOf(
            HEAD
                + "spec:\n  replicas: -99999999999999999999999\n"
                + "  replication: {maxLagSeconds: 0o17}\n  clone: {port: 1_0000}\n");
    assertThat(problems)
        .extracting(Problem::checkId)
        .containsExactly("SPEC-RANGE", "SPEC-TYPE", "SPEC-TYPE", "SPEC-RULE");
  }

  @Test
  void rejectsTheChartsOwnAccountsAsTheApplicationUser() {
    for (String name : List.of("replication", "operator", "root", "Root")) {
      Problem p =
          problemsOf(HEAD + "spec:\n  auth: {database: app, username: " + name + "}\n").get(0);
      assertThat(p.path()).isEqualTo("spec.auth.username");
      assertThat(p.checkId()).isEqualTo("SPEC-RESERVED");
    }
  }

  @Test
  void theReservedAccountsAreTheOnesThePlanUses() {
    assertThat(ReservedAccounts.USERS)
        .contains(
            dev.replichart.plan.Accounts.REPLICATION,
            dev.replichart.plan.Accounts.OPERATOR,
            "root");
  }

  @Test
  void printsEveryProblemOnOneLine() {
    List<Problem> problems =
        problemsOf(
            HEAD
                + "spec:\n  storage:\n    size: \"1Gi\\n2\"\n"
                + "    provisioner: {type: existing, storageClass: \"a\\u2028b\\rc\"}\n"
                + "  mysqlConfig: {max_connections: \"5\\r\\n00\"}\n");
    assertThat(problems).hasSize(3);
    assertThat(problems)
        .allSatisfy(p -> assertThat(p.format()).doesNotContain("\n", "\r", "\u2028"));
    assertThat(problems.get(0).format()).contains("'1Gi\\n2'");
    assertThat(problems.get(1).format()).contains("'a\\u2028b\\rc'");
  }

  @Test
  void cutsAnEchoedValueThatIsVeryLong() {
    Problem p = problemsOf(HEAD + "spec:\n  storage: {size: " + "x".repeat(5000) + "}\n").get(0);
    assertThat(p.format()).hasSizeLessThan(300).contains("(4920 more characters)");
  }

  @Test
  void limitsNamesToWhatKubernetesAndTheChartAccept() throws Exception {
    String forty = "a" + "b".repeat(39);
    SpecParser.parse(
        "apiVersion: replichart.dev/v1alpha1\nkind: MySQLCluster\nmetadata: {name: "
            + forty
            + "}\nspec:\n  auth: {existingSecret: "
            + "s".repeat(253)
            + "}\n",
        "s",
        "s");
    List<Problem> problems =
        problemsOf(
            "apiVersion: replichart.dev/v1alpha1\nkind: MySQLCluster\nmetadata: {name: "
                + forty
                + "c}\nchart: {name: Db, version: 1.0.0-rc.01}\nspec:\n  auth: {existingSecret: "
                + "s".repeat(254)
                + "}\n  storage:\n    provisioner: {type: existing, storageClass: -fast}\n");
    assertThat(problems)
        .extracting(Problem::path)
        .containsExactly(
            "metadata.name",
            "chart.name",
            "chart.version",
            "spec.auth.existingSecret",
            "spec.storage.provisioner.storageClass");
  }

  @Test
  void refusesABillionLaughsAtTheAliasThatGoesTooFar() {
    StringBuilder yaml = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (char c = 'b'; c <= 'k'; c++) {
      String prev = "*" + (char) (c - 1);
      yaml.append(c).append(": &").append(c).append(" [");
      yaml.append(String.join(", ", java.util.Collections.nCopies(9, prev))).append("]\n");
    }
    long start = System.nanoTime();
    List<Problem> problems = problemsOf(yaml.toString());
    assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.checkId()).isEqualTo("SPEC-LIMIT");
              assertThat(p.location().line()).isEqualTo(4);
            });
  }

  @Test
  void refusesDeepNestingAtTheLevelThatGoesTooFar() {
    Problem p = problemsOf("a: " + "[".repeat(1000) + "]".repeat(1000) + "\n").get(0);
    assertThat(p.checkId()).isEqualTo("SPEC-LIMIT");
    assertThat(p.location().line()).isEqualTo(1);
    assertThat(p.location().column()).isEqualTo(23);
  }

  @Test
  void refusesSpecTextLargerThanTheLimit() {
    Problem p = problemsOf("# " + "x".repeat(InputText.MAX_BYTES) + "\n").get(0);
    assertThat(p.message()).isEqualTo("the spec is larger than 1 MiB");
  }

  @Test
  void saysWhatIsWrongWithAFileThatIsNotUtf8Text(@TempDir Path dir) throws Exception {
    Path utf16 = dir.resolve("utf16.yaml");
    Files.write(utf16, (HEAD + "spec: {}\n").getBytes(StandardCharsets.UTF_16));
    Path binary = dir.resolve("binary.yaml");
    Files.write(binary, new byte[] {'a', ':', ' ', 'b', '\n', 'c', ':', ' ', (byte) 0xC3, 0x28});
    Path nul = dir.resolve("nul.yaml");
    Files.write(nul, new byte[] {'a', ':', ' ', 0, 1, 2});
    Path big = dir.resolve("big.yaml");
    Files.write(big, new byte[InputText.MAX_BYTES + 1]);
    assertThat(fileProblem(utf16))
        .endsWith(
            "utf16.yaml:1:1: the spec is UTF-16 text (it starts with a UTF-16 byte order mark)"
                + " (save it as UTF-8)");
    assertThat(fileProblem(binary))
        .endsWith(
            "binary.yaml:2:4: the spec is not UTF-8 text: byte 0xC3 does not decode (save it as UTF-8)");
    assertThat(fileProblem(nul)).contains("nul.yaml:1:4: the spec holds a NUL byte");
    assertThat(fileProblem(big))
        .endsWith(
            "big.yaml: the spec is larger than 1 MiB (a spec is a few kilobytes of YAML; is this the right file?)");
  }

  @Test
  void readsAFileWithAUtf8ByteOrderMark(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bom.yaml");
    Files.write(file, ("\uFEFF" + HEAD + "spec: {}\n").getBytes(StandardCharsets.UTF_8));
    assertThat(SpecParser.parse(file).name()).isEqualTo("db");
  }

  private static String fileProblem(Path file) {
    try {
      SpecParser.parse(file);
    } catch (ProblemsException e) {
      assertThat(e.problems()).singleElement().extracting(Problem::checkId).isEqualTo("SPEC-IO");
      return e.problems().get(0).format();
    }
    throw new AssertionError("expected a problem for " + file);
  }
}
