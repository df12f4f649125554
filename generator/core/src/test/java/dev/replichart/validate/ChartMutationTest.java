package dev.replichart.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replichart.TestFiles;
import dev.replichart.pipeline.ChartGenerator;
import dev.replichart.problem.Problem;
import dev.replichart.render.ChartWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Injects one fault at a time into the generated sdnc-db chart (or its values) and checks that the
 * validators report exactly that fault: the right check, object, path and file — and nothing else.
 */
class ChartMutationTest {
  private static final ChartValidator VALIDATOR = new ChartValidator();
  private static Path pristine;

  @TempDir static Path shared;
  @TempDir Path tmp;

  /**
   * One fault.
   *
   * @param file the chart file edited (or "values" for a values file)
   * @param find text that occurs exactly once in it
   * @param replace what it becomes
   * @param check expected check ID
   * @param object expected object ({@code Kind/name}), empty for values problems
   * @param path expected field path
   * @param line expected line (0: not asserted)
   * @param reportedIn the file the problem points at, when it is not the edited one
   */
  record Fault(
      String name,
      String file,
      String find,
      String replace,
      String check,
      String object,
      String path,
      int line,
      String reportedIn) {
    Fault(
        String name,
        String file,
        String find,
        String replace,
        String check,
        String object,
        String path,
        int line) {
      this(name, file, find, replace, check, object, path, line, file);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static final String STS = "StatefulSet/db-sdnc-db";
  static final String STS_FILE = "templates/replication/statefulset.yaml";

  static Stream<Fault> faults() {
    return Stream.of(
        new Fault(
            "misspelt top-level field",
            STS_FILE,
            "  replicas: {{ .Values.replicaCount }}",
            "  replica: {{ .Values.replicaCount }}",
            "MODEL-UNKNOWN-FIELD",
            STS,
            "spec.replica",
            22),
        new Fault(
            "misspelt field deep in the pod template",
            STS_FILE,
            "            periodSeconds: 5\n",
            "            periodSecond: 5\n",
            "MODEL-UNKNOWN-FIELD",
            STS,
            "spec.template.spec.containers[0].readinessProbe.periodSecond",
            0),
        new Fault(
            "misspelt probe field of the second container",
            STS_FILE,
            "            initialDelaySeconds: 30\n",
            "            initialDelay: 30\n",
            "MODEL-UNKNOWN-FIELD",
            STS,
            "spec.template.spec.containers[1].livenessProbe.initialDelay",
            0),
        new Fault(
            "wrong type",
            STS_FILE,
            "terminationGracePeriodSeconds: 60",
            "terminationGracePeriodSeconds: sixty",
            "OPENAPI-TYPE",
            STS,
            "spec.template.spec.terminationGracePeriodSeconds",
            0),
        new Fault(
            "missing required field",
            STS_FILE,
            "              containerPort: 3306\n",
            "",
            "OPENAPI-REQUIRED",
            STS,
            "spec.template.spec.containers[0].ports[0].containerPort",
            0),
        new Fault(
            "bad enum",
            "templates/access/service-primary.yaml",
            "  type: ClusterIP",
            "  type: ClusterIp",
            "OPENAPI-ENUM",
            "Service/db-sdnc-db-primary",
            "spec.type",
            12),
        new Fault(
            "apiVersion Kubernetes 1.27 does not serve",
            "templates/access/poddisruptionbudget.yaml",
            "apiVersion: policy/v1\n",
            "apiVersion: policy/v1beta1\n",
            "OPENAPI-KIND",
            "PodDisruptionBudget/db-sdnc-db",
            "apiVersion",
            0),
        new Fault(
            "selector that matches no pod",
            "templates/access/service-primary.yaml",
            "    replichart.dev/role: primary",
            "    replichart.dev/rol: primary",
            "POL-SELECTOR",
            "Service/db-sdnc-db-primary",
            "spec.selector",
            0),
        new Fault(
            "serviceName pointing nowhere",
            STS_FILE,
            "  serviceName: {{ include \"sdnc-db.fullname\" . }}",
            "  serviceName: nowhere",
            "POL-SERVICE-NAME",
            STS,
            "spec.serviceName",
            21),
        new Fault(
            "wrong target port",
            "templates/replication/service-headless.yaml",
            "      targetPort: clone",
            "      targetPort: clones",
            "POL-TARGET-PORT",
            "Service/db-sdnc-db",
            "spec.ports[1].targetPort",
            0),
        new Fault(
            "missing readiness probe",
            STS_FILE,
            "          readinessProbe:\n            exec:\n              command:\n"
                + "                - sh\n                - /etc/mysql/replichart-config/probe.sh\n"
                + "                - sidecar\n            periodSeconds: 10\n"
                + "            timeoutSeconds: 5\n",
            "",
            "POL-PROBES",
            STS,
            "spec.template.spec.containers[1].readinessProbe",
            0),
        new Fault(
            "missing resources",
            STS_FILE,
            "          resources:\n            {{- include \"sdnc-db.resources\" "
                + ".Values.resources.sidecar | nindent 12 }}\n          securityContext:\n"
                + "            {{- include \"sdnc-db.containerSecurityContext\" . | nindent 12 }}\n"
                + "          volumeMounts:\n            {{- include \"sdnc-db.volumeMounts\" . |"
                + " nindent 12 }}\n        - name: clone-mysql",
            "          securityContext:\n"
                + "            {{- include \"sdnc-db.containerSecurityContext\" . | nindent 12 }}\n"
                + "          volumeMounts:\n            {{- include \"sdnc-db.volumeMounts\" . |"
                + " nindent 12 }}\n        - name: clone-mysql",
            "POL-RESOURCES",
            STS,
            "spec.template.spec.initContainers[0].resources.requests",
            0),
        new Fault(
            "password key in a ConfigMap",
            "templates/replication/configmap.yaml",
            "\ndata:\n",
            "\ndata:\n  admin-password: hunter2\n",
            "POL-PLAINTEXT-SECRET",
            "ConfigMap/db-sdnc-db-config",
            "data.admin-password",
            0),
        new Fault(
            "password in a ConfigMap file",
            "templates/replication/configmap.yaml",
            "    [mysqld]\n",
            "    [mysqld]\n    password=hunter2\n",
            "POL-PLAINTEXT-SECRET",
            "ConfigMap/db-sdnc-db-config",
            "data.tunables.cnf",
            0),
        new Fault(
            "wildcard RBAC",
            "templates/failover/role.yaml",
            "      - delete\n",
            "      - \"*\"\n",
            "POL-RBAC-WILDCARD",
            "Role/db-sdnc-db-failover",
            "rules[0].verbs",
            0),
        new Fault(
            "RBAC verb the component does not use",
            "templates/replication/role.yaml",
            "      - patch\n",
            "      - patch\n      - delete\n",
            "POL-RBAC-VERBS",
            "Role/db-sdnc-db",
            "rules[0].verbs",
            0),
        new Fault(
            "privilege escalation",
            "templates/storage/nfs-deployment.yaml",
            "allowPrivilegeEscalation: false",
            "allowPrivilegeEscalation: true",
            "POL-PRIVILEGE-ESCALATION",
            "Deployment/db-sdnc-db-nfs-provisioner",
            "spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation",
            0),
        new Fault(
            "StorageClass neither in the chart nor external",
            "templates/storage/storageclass.yaml",
            "  name: {{ include \"sdnc-db.storageClassName\" . }}",
            "  name: other-class",
            "POL-STORAGECLASS",
            STS,
            "spec.volumeClaimTemplates[0].spec.storageClassName",
            0,
            STS_FILE),
        new Fault(
            "int where a string is required in values",
            "values",
            "",
            "image:\n  tag: 8\n",
            "VALUES-SCHEMA",
            "",
            ".image.tag",
            2),
        new Fault(
            "unknown values key",
            "values",
            "",
            "replicaCont: 3\n",
            "VALUES-SCHEMA",
            "",
            ".replicaCont",
            1));
  }

  @BeforeAll
  static void generate() throws Exception {
    pristine = shared.resolve("sdnc-db");
    ChartWriter.writeFiles(
        new ChartGenerator().render(TestFiles.repoRoot().resolve("examples/sdnc-db.yaml")),
        pristine);
  }

  @Test
  void theUnmutatedChartHasNoProblem() {
    assertThat(VALIDATOR.check(pristine, TestFiles.valuesFiles()).problems()).isEmpty();
  }

  @Test
  void coversAtLeastFifteenFaults() {
    assertThat(faults().count()).isGreaterThanOrEqualTo(15);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void reportsExactlyTheInjectedFault(Fault fault) throws Exception {
    Path chart = tmp.resolve("chart");
    copy(pristine, chart);
    List<Path> values = List.of();
    Path expectedFile;
    if (fault.file().equals("values")) {
      expectedFile = tmp.resolve("values.yaml");
      Files.writeString(expectedFile, fault.replace(), StandardCharsets.UTF_8);
      values = List.of(expectedFile);
    } else {
      Path edited = chart.resolve(fault.file());
      String text = Files.readString(edited, StandardCharsets.UTF_8);
      assertThat(text.split(java.util.regex.Pattern.quote(fault.find()), -1))
          .as("'%s' occurs exactly once in %s", fault.find(), fault.file())
          .hasSize(2);
      Files.writeString(edited, text.replace(fault.find(), fault.replace()));
      expectedFile = chart.resolve(fault.reportedIn());
    }

    List<Problem> problems = VALIDATOR.check(chart, values).problems();

    assertThat(problems).as(describe(problems)).hasSize(1);
    Problem p = problems.get(0);
    assertThat(p.checkId()).isEqualTo(fault.check());
    assertThat(p.object()).isEqualTo(fault.object());
    assertThat(p.path()).isEqualTo(fault.path());
    assertThat(p.location().file()).isEqualTo(expectedFile.toString());
    if (fault.line() > 0) {
      assertThat(p.location().line()).as(p.format()).isEqualTo(fault.line());
    }
    assertThat(p.message()).isNotBlank();
  }

  private static String describe(List<Problem> problems) {
    StringBuilder out = new StringBuilder("problems:\n");
    problems.forEach(
        p -> out.append("  ").append(p.format()).append(" [").append(p.checkId()).append("]\n"));
    return out.toString();
  }

  private static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : walk.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }
}
