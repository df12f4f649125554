package dev.replichart.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replichart.TestFiles;
import dev.replichart.pipeline.ChartGenerator;
import dev.replichart.problem.Problem;
import dev.replichart.render.ChartWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Injects one fault at a time into the generated sdnc-db chart (or its values) and checks that the
 * validators report exactly that fault: the right check, object, path and file — and nothing else.
 * Every {@link Check} has at least one fault, so a check that never fires fails here.
 */
class ChartMutationTest {
  private static final ChartValidator VALIDATOR = new ChartValidator();
  private static Path pristine;

  @TempDir static Path shared;
  @TempDir Path tmp;

  /**
   * One fault.
   *
   * @param file the chart file edited, {@value #VALUES} for a values file given with {@code -f}, or
   *     {@value #VALUES_DIR} for a {@code -f} path that is a directory
   * @param find text that occurs exactly once in it; null: the file is new, its text is {@code
   *     replace}
   * @param replace what it becomes; null: the file is deleted
   * @param check expected check
   * @param object expected object ({@code Kind/name}), empty for values problems
   * @param path expected field path
   * @param line expected line (0: not asserted)
   * @param reportedIn the file the problem points at, when it is not the edited one ({@code ""}:
   *     the chart directory)
   * @param values the text of a values file given with {@code -f} as well as the chart edit, or
   *     null
   */
  record Fault(
      String name,
      String file,
      String find,
      String replace,
      Check check,
      String object,
      String path,
      int line,
      String reportedIn,
      String values) {
    Fault(
        String name,
        String file,
        String find,
        String replace,
        Check check,
        String object,
        String path,
        int line,
        String reportedIn) {
      this(name, file, find, replace, check, object, path, line, reportedIn, null);
    }

    Fault(
        String name,
        String file,
        String find,
        String replace,
        Check check,
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

  static final String VALUES = "values";
  static final String VALUES_DIR = "values-dir";
  static final String STS = "StatefulSet/db-sdnc-db";
  static final String STS_FILE = "templates/replication/statefulset.yaml";
  static final String FAILOVER = "CronJob/db-sdnc-db-failover";
  static final String FAILOVER_FILE = "templates/failover/cronjob.yaml";

  /** The securityContext of the first init container (init-mysql), up to the next container. */
  static final String SECURITY_INCLUDE =
      "{{- include \"sdnc-db.containerSecurityContext\" . | nindent 12 }}";

  static final String INIT_MYSQL_SECURITY =
      SECURITY_INCLUDE
          + "\n          volumeMounts:\n            {{- include \"sdnc-db.volumeMounts\" . |"
          + " nindent 12 }}\n        - name: clone-mysql";

  /**
   * Checks no chart can make fire, each with the test that proves it instead and why. Every other
   * check has a fault above.
   */
  static final Map<Check, String> PROVED_ELSEWHERE =
      Map.of(
          Check.OPENAPI_SCHEMA,
          "OpenApiValidatorTest.reportsOtherSchemaKeywordsAsOpenApiSchema: the vendored 1.27"
              + " schema has no keyword beyond type, required, enum and the quantity anyOf");

  static Stream<Fault> faults() {
    return Stream.of(
        new Fault(
            "misspelt top-level field",
            STS_FILE,
            "  replicas: {{ .Values.replicaCount }}",
            "  replica: {{ .Values.replicaCount }}",
            Check.MODEL_UNKNOWN_FIELD,
            STS,
            "spec.replica",
            21),
        new Fault(
            "misspelt field deep in the pod template",
            STS_FILE,
            "            failureThreshold: 900\n",
            "            failureThreshol: 900\n",
            Check.MODEL_UNKNOWN_FIELD,
            STS,
            "spec.template.spec.containers[0].startupProbe.failureThreshol",
            0),
        new Fault(
            "misspelt probe field of the second container",
            STS_FILE,
            "            initialDelaySeconds: 30\n",
            "            initialDelay: 30\n",
            Check.MODEL_UNKNOWN_FIELD,
            STS,
            "spec.template.spec.containers[1].livenessProbe.initialDelay",
            0),
        new Fault(
            "wrong type",
            STS_FILE,
            "terminationGracePeriodSeconds: 60",
            "terminationGracePeriodSeconds: sixty",
            Check.OPENAPI_TYPE,
            STS,
            "spec.template.spec.terminationGracePeriodSeconds",
            0),
        new Fault(
            "missing required field",
            STS_FILE,
            "              containerPort: 3306\n",
            "",
            Check.OPENAPI_REQUIRED,
            STS,
            "spec.template.spec.containers[0].ports[0].containerPort",
            0),
        new Fault(
            "bad enum",
            "templates/access/service-primary.yaml",
            "  type: ClusterIP",
            "  type: ClusterIp",
            Check.OPENAPI_ENUM,
            "Service/db-sdnc-db-primary",
            "spec.type",
            12),
        new Fault(
            "apiVersion Kubernetes 1.27 does not serve",
            "templates/access/poddisruptionbudget.yaml",
            "apiVersion: policy/v1\n",
            "apiVersion: policy/v1beta1\n",
            Check.OPENAPI_KIND,
            "PodDisruptionBudget/db-sdnc-db",
            "apiVersion",
            0),
        new Fault(
            "selector that matches no pod",
            "templates/access/service-primary.yaml",
            "    replichart.dev/role: primary",
            "    replichart.dev/rol: primary",
            Check.POL_SELECTOR,
            "Service/db-sdnc-db-primary",
            "spec.selector",
            0),
        new Fault(
            "selector value a run-time label never takes",
            "templates/access/service-primary.yaml",
            "    replichart.dev/role: primary",
            "    replichart.dev/role: primray",
            Check.POL_SELECTOR,
            "Service/db-sdnc-db-primary",
            "spec.selector",
            0),
        new Fault(
            "script deleted from the chart's files",
            "files/scripts/init-mysql.sh",
            "",
            null,
            Check.POL_CONFIGMAP_FILE,
            STS,
            "spec.template.spec.initContainers[0].command[1]",
            0,
            STS_FILE),
        new Fault(
            "command naming a script the ConfigMap does not have",
            STS_FILE,
            "/etc/mysql/replichart-config/clone-mysql.sh",
            "/etc/mysql/replichart-config/clone-mysq.sh",
            Check.POL_CONFIGMAP_FILE,
            STS,
            "spec.template.spec.initContainers[1].command[1]",
            0),
        new Fault(
            "misspelt volume in a mount",
            FAILOVER_FILE,
            "                - name: config\n",
            "                - name: confg\n",
            Check.POL_VOLUME_MOUNT,
            FAILOVER,
            "spec.jobTemplate.spec.template.spec.containers[0].volumeMounts[0].name",
            0),
        new Fault(
            "misspelt pod volume",
            FAILOVER_FILE,
            "            - name: config\n              configMap:",
            "            - name: confg\n              configMap:",
            Check.POL_VOLUME_MOUNT,
            FAILOVER,
            "spec.jobTemplate.spec.template.spec.containers[0].volumeMounts[0].name",
            0),
        new Fault(
            "chart without a values schema",
            "values.schema.json",
            "",
            null,
            Check.VALUES_SCHEMA_FILE,
            "",
            "",
            0,
            ""),
        new Fault(
            "serviceName pointing nowhere",
            STS_FILE,
            "  serviceName: {{ include \"sdnc-db.fullname\" . }}",
            "  serviceName: nowhere",
            Check.POL_SERVICE_NAME,
            STS,
            "spec.serviceName",
            20),
        new Fault(
            "wrong target port",
            "templates/access/service-primary.yaml",
            "      targetPort: mysql",
            "      targetPort: mysqlx",
            Check.POL_TARGET_PORT,
            "Service/db-sdnc-db-primary",
            "spec.ports[0].targetPort",
            0),
        new Fault(
            "missing readiness probe",
            STS_FILE,
            "          readinessProbe:\n            exec:\n              command:\n"
                + "                - sh\n                - /etc/mysql/replichart-config/probe.sh\n"
                + "                - sidecar\n            periodSeconds: 10\n"
                + "            timeoutSeconds: 5\n",
            "",
            Check.POL_PROBES,
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
            Check.POL_RESOURCES,
            STS,
            "spec.template.spec.initContainers[0].resources.requests",
            0),
        new Fault(
            "password key in a ConfigMap",
            "templates/replication/configmap.yaml",
            "\ndata:\n",
            "\ndata:\n  admin-password: hunter2\n",
            Check.POL_PLAINTEXT_SECRET,
            "ConfigMap/db-sdnc-db-config",
            "data.admin-password",
            0),
        new Fault(
            "password in a ConfigMap file",
            "templates/replication/configmap.yaml",
            "    [mysqld]\n",
            "    [mysqld]\n    password=hunter2\n",
            Check.POL_PLAINTEXT_SECRET,
            "ConfigMap/db-sdnc-db-config",
            "data.tunables.cnf",
            0),
        new Fault(
            "wildcard RBAC",
            "templates/failover/role.yaml",
            "      - delete\n",
            "      - \"*\"\n",
            Check.POL_RBAC_WILDCARD,
            "Role/db-sdnc-db-failover",
            "rules[0].verbs",
            0),
        new Fault(
            "RBAC verb the component does not use",
            "templates/replication/role.yaml",
            "      - patch\n  - apiGroups:",
            "      - patch\n      - delete\n  - apiGroups:",
            Check.POL_RBAC_VERBS,
            "Role/db-sdnc-db",
            "rules[1].verbs",
            0),
        new Fault(
            "privilege escalation",
            "templates/storage/nfs-deployment.yaml",
            "allowPrivilegeEscalation: false",
            "allowPrivilegeEscalation: true",
            Check.POL_PRIVILEGE_ESCALATION,
            "Deployment/db-sdnc-db-nfs-provisioner",
            "spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation",
            0),
        new Fault(
            "StorageClass neither in the chart nor external",
            "templates/storage/storageclass.yaml",
            "  name: {{ include \"sdnc-db.storageClassName\" . }}",
            "  name: other-class",
            Check.POL_STORAGECLASS,
            STS,
            "spec.volumeClaimTemplates[0].spec.storageClassName",
            0,
            STS_FILE),
        new Fault(
            "values file that cannot be read (a directory)",
            VALUES_DIR,
            "",
            "",
            Check.VALUES_IO,
            "",
            "",
            0),
        new Fault(
            "values file that is not YAML",
            VALUES,
            "",
            "replicaCount: [3\n",
            Check.VALUES_YAML,
            "",
            "",
            0),
        new Fault(
            // Helm checks maintainers only when linting; rendering does not read them.
            "maintainer e-mail that is not one",
            "Chart.yaml",
            "type: application\n",
            "type: application\nmaintainers:\n  - name: dba\n    email: not-an-email\n",
            Check.HELM_LINT,
            "",
            "",
            0),
        new Fault(
            // The values schema only asks for a non-empty repository (the tag has a pattern); the
            // quote ends the image string.
            "values that render YAML Helm cannot parse",
            VALUES,
            "",
            "image:\n  repository: 'mysql\"x'\n",
            Check.HELM_TEMPLATE,
            "",
            "",
            0,
            ""),
        new Fault(
            // Jackson reads 0o17 as text, which max_connections takes; Helm's go-yaml reads the
            // number 15, which it does not. This used to reach Helm's schema check only.
            "plain value Helm reads otherwise than the values layer",
            VALUES,
            "",
            "mysqlConfig:\n  max_connections: 0o17\n",
            Check.VALUES_READING,
            "",
            ".mysqlConfig.max_connections",
            2),
        new Fault(
            // The values layer reads "format" as an annotation (draft 7 leaves asserting it to the
            // validator); Helm asserts it. So a chart whose schema asks for a format has values
            // only Helm's own check refuses, whatever YAML the values layer reads: a reason for
            // HELM-VALUES-SCHEMA that no change to how values files are read takes away.
            "values that only Helm's schema check rejects: a format",
            "values.schema.json",
            "\"default\" : \"mysql\",",
            "\"default\" : \"mysql\",\n          \"format\" : \"hostname\",",
            Check.HELM_VALUES_SCHEMA,
            "",
            "image.repository",
            0,
            VALUES,
            "image:\n  repository: mysql_x\n"),
        new Fault(
            // Helm accepts YAML nested deeper than the object parser's limit (Jackson: 1000).
            "rendered YAML nested deeper than the object parser reads",
            "templates/access/service-primary.yaml",
            "spec:\n  type: ClusterIP",
            "spec:\n  x-deep: " + "[".repeat(1100) + "]".repeat(1100) + "\n  type: ClusterIP",
            Check.HELM_OUTPUT,
            "",
            "",
            0,
            ""),
        new Fault(
            "kind with no Kubernetes model in the chart",
            "templates/access/limitrange.yaml",
            null,
            "apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: limits\nspec:\n  limits: []\n",
            Check.MODEL_KIND,
            "LimitRange/limits",
            "apiVersion",
            1),
        new Fault(
            // The schema says integer (its int32 format is not asserted); the model cannot hold it.
            "integer too large for the model's field",
            STS_FILE,
            "  replicas: {{ .Values.replicaCount }}",
            "  replicas: 3000000000",
            Check.MODEL_TYPE,
            STS,
            "spec.replicas",
            21),
        new Fault(
            "quantity that is not one",
            "templates/storage/nfs-deployment.yaml",
            "{{- include \"sdnc-db.resources\" .Values.nfs.resources | nindent 12 }}",
            "requests:\n              cpu: lots\n              memory: 64Mi",
            Check.OPENAPI_FORMAT,
            "Deployment/db-sdnc-db-nfs-provisioner",
            "spec.template.spec.containers[0].resources.requests.cpu",
            0),
        new Fault(
            "container that keeps its capabilities",
            STS_FILE,
            INIT_MYSQL_SECURITY,
            INIT_MYSQL_SECURITY.replace(
                SECURITY_INCLUDE,
                "allowPrivilegeEscalation: false\n            runAsNonRoot: true"),
            Check.POL_CAPABILITIES,
            STS,
            "spec.template.spec.initContainers[0].securityContext.capabilities.drop",
            0),
        new Fault(
            "container that runs as root",
            STS_FILE,
            INIT_MYSQL_SECURITY,
            INIT_MYSQL_SECURITY.replace(
                SECURITY_INCLUDE,
                "allowPrivilegeEscalation: false\n            runAsUser: 0\n"
                    + "            capabilities:\n              drop:\n                - ALL"),
            Check.POL_NON_ROOT,
            STS,
            "spec.template.spec.initContainers[0].securityContext.runAsNonRoot",
            0),
        new Fault(
            "several replicas and no PodDisruptionBudget",
            VALUES,
            "",
            "podDisruptionBudget:\n  enabled: false\n",
            Check.POL_PDB,
            STS,
            "spec.replicas",
            21,
            STS_FILE),
        new Fault(
            "secret among the chart's default values",
            "values.yaml",
            "  nodeSelector: {}\n",
            "  nodeSelector:\n    api_token: \"hunter2\"\n",
            Check.POL_PLAINTEXT_VALUE,
            "",
            ".scheduling.nodeSelector.api_token",
            0),
        new Fault(
            "int where a string is required in values",
            VALUES,
            "",
            "image:\n  tag: 8\n",
            Check.VALUES_SCHEMA,
            "",
            ".image.tag",
            2),
        new Fault(
            "unknown values key",
            VALUES,
            "",
            "replicaCont: 3\n",
            Check.VALUES_SCHEMA,
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
  void everyCheckHasAFaultThatMakesItFire() {
    Set<Check> covered = EnumSet.noneOf(Check.class);
    faults().map(Fault::check).forEach(covered::add);
    assertThat(covered).doesNotContainAnyElementsOf(PROVED_ELSEWHERE.keySet());
    covered.addAll(PROVED_ELSEWHERE.keySet());
    assertThat(covered).containsExactlyInAnyOrder(Check.values());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void reportsExactlyTheInjectedFault(Fault fault) throws Exception {
    Path chart = tmp.resolve("chart");
    copy(pristine, chart);
    List<Path> values = List.of();
    Path valuesFile = tmp.resolve("values.yaml");
    if (fault.file().equals(VALUES)) {
      Files.writeString(valuesFile, fault.replace(), StandardCharsets.UTF_8);
      values = List.of(valuesFile);
    } else if (fault.file().equals(VALUES_DIR)) {
      Files.createDirectories(valuesFile);
      values = List.of(valuesFile);
    } else if (fault.replace() == null) {
      Files.delete(chart.resolve(fault.file()));
    } else if (fault.find() == null) {
      Path created = chart.resolve(fault.file());
      assertThat(created).doesNotExist();
      Files.writeString(created, fault.replace(), StandardCharsets.UTF_8);
    } else {
      Path edited = chart.resolve(fault.file());
      String text = Files.readString(edited, StandardCharsets.UTF_8);
      assertThat(text.split(java.util.regex.Pattern.quote(fault.find()), -1))
          .as("'%s' occurs exactly once in %s", fault.find(), fault.file())
          .hasSize(2);
      Files.writeString(edited, text.replace(fault.find(), fault.replace()));
    }
    if (fault.values() != null) {
      Files.writeString(valuesFile, fault.values(), StandardCharsets.UTF_8);
      values = List.of(valuesFile);
    }
    Path expectedFile =
        fault.reportedIn().equals(VALUES) || fault.reportedIn().equals(VALUES_DIR)
            ? valuesFile
            : chart.resolve(fault.reportedIn());

    List<Problem> problems = VALIDATOR.check(chart, values).problems();

    assertThat(problems).as(describe(problems)).hasSize(1);
    Problem p = problems.get(0);
    assertThat(p.checkId()).isEqualTo(fault.check().id());
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
