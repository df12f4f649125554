package dev.replichart.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.replichart.TestFiles;
import dev.replichart.problem.Problem;
import dev.replichart.problem.ProblemsException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
