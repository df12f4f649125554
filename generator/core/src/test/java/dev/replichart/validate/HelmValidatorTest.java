package dev.replichart.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replichart.TestFiles;
import dev.replichart.kube.HelmRender;
import dev.replichart.pipeline.ChartGenerator;
import dev.replichart.problem.Problem;
import dev.replichart.render.ChartWriter;
import dev.replichart.render.RenderedChart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Real Helm (helm-java) on every generated chart. */
class HelmValidatorTest {
  @TempDir Path tmp;

  static Stream<Path> examples() {
    return TestFiles.examples().stream();
  }

  private Path write(Path example) throws Exception {
    RenderedChart chart = new ChartGenerator().render(example);
    Path dir = tmp.resolve(chart.name());
    ChartWriter.writeFiles(chart, dir);
    return dir;
  }

  /** What the Helm layer alone says, and what Helm rendered per values set. */
  record HelmRun(List<Problem> problems, Map<String, String> manifests) {}

  static HelmRun helm(Path chart, List<Path> values) {
    HelmValidator helm = new HelmValidator();
    ChartUnderTest rendered =
        ChartUnderTest.unrendered(chart, values).withRenders(helm.render(chart, values));
    Map<String, String> manifests = new LinkedHashMap<>();
    for (ChartUnderTest.Render render : rendered.renders()) {
      if (render instanceof ChartUnderTest.Render.Parsed parsed) {
        manifests.put(parsed.label(), parsed.manifests());
      }
    }
    return new HelmRun(helm.check(rendered), manifests);
  }

  /** Parses manifests strictly: a duplicate key (a silently lost value) fails the test. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> objects(String manifests) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    List<Map<String, Object>> objects = new ArrayList<>();
    for (Object doc : new Yaml(options).loadAll(manifests)) {
      if (doc != null) {
        objects.add((Map<String, Object>) doc);
      }
    }
    return objects;
  }

  @SuppressWarnings("unchecked")
  static <T> T at(Object node, String... path) {
    Object current = node;
    for (String key : path) {
      current = ((Map<String, Object>) current).get(key);
    }
    return (T) current;
  }

  static Map<String, Object> find(List<Map<String, Object>> objects, String kind, String name) {
    return objects.stream()
        .filter(o -> kind.equals(o.get("kind")) && name.equals(at(o, "metadata", "name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void lintsStrictlyAndRendersWithDefaultsAndEveryValuesFile(Path example) throws Exception {
    List<Path> values = TestFiles.valuesFiles();
    assertThat(values).hasSizeGreaterThanOrEqualTo(2);
    HelmRun result = helm(write(example), values);
    assertThat(result.problems()).isEmpty();
    assertThat(result.manifests()).hasSize(values.size() + 1);
    for (String manifests : result.manifests().values()) {
      assertThat(objects(manifests)).isNotEmpty();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void sdncDbRendersTheObjectsOfTheOriginalDesign() throws Exception {
    HelmRun result = helm(write(TestFiles.repoRoot().resolve("examples/sdnc-db.yaml")), List.of());
    assertThat(result.problems()).isEmpty();
    List<Map<String, Object>> objects = objects(result.manifests().values().iterator().next());
    String fullname = HelmRender.RELEASE + "-sdnc-db";

    Map<String, Object> headless = find(objects, "Service", fullname);
    assertThat((String) at(headless, "spec", "clusterIP")).isEqualTo("None");

    Map<String, Object> sts = find(objects, "StatefulSet", fullname);
    assertThat((String) at(sts, "spec", "serviceName")).isEqualTo(fullname);
    Map<String, Object> pod = at(sts, "spec", "template", "spec");
    List<String> names = new ArrayList<>();
    for (String key : List.of("initContainers", "containers")) {
      for (Map<String, Object> c : (List<Map<String, Object>>) pod.get(key)) {
        names.add((String) c.get("name"));
      }
    }
    assertThat(names).containsExactly("init-mysql", "clone-mysql", "mysqld", "sidecar");
    Map<String, Object> claim =
        ((List<Map<String, Object>>) at(sts, "spec", "volumeClaimTemplates")).get(0);
    assertThat((String) at(claim, "spec", "storageClassName"))
        .isEqualTo(HelmRender.NAMESPACE + "-" + fullname + "-nfs");

    Map<String, Object> config = find(objects, "ConfigMap", fullname + "-config");
    assertThat((Map<String, Object>) config.get("data"))
        .containsKeys("master.cnf", "slave.cnf", "tunables.cnf", "init-mysql.sh", "failover.sh");

    Map<String, Object> storageClass =
        find(objects, "StorageClass", HelmRender.NAMESPACE + "-" + fullname + "-nfs");
    Map<String, Object> provisioner = find(objects, "Deployment", fullname + "-nfs-provisioner");
    List<String> args = at(provisioner, "spec", "template", "spec", "containers");
    assertThat(String.valueOf(args)).contains("-provisioner=" + storageClass.get("provisioner"));

    Map<String, Object> failover = find(objects, "CronJob", fullname + "-failover");
    assertThat((Boolean) at(failover, "spec", "suspend")).isTrue();

    assertThat(find(objects, "Service", fullname + "-primary")).isNotNull();
    assertThat(find(objects, "Service", fullname + "-replicas")).isNotNull();
    assertThat(find(objects, "PodDisruptionBudget", fullname)).isNotNull();
  }

  @Test
  void existingSecretReplacesTheGeneratedOne() throws Exception {
    HelmRun result =
        helm(write(TestFiles.repoRoot().resolve("examples/existing-storageclass.yaml")), List.of());
    List<Map<String, Object>> objects = objects(result.manifests().values().iterator().next());
    assertThat(objects).noneMatch(o -> "Secret".equals(o.get("kind")));
    assertThat(result.manifests().values().iterator().next())
        .contains("secretName: orders-db-credentials")
        .contains("storageClassName: \"fast-ssd\"");
  }

  @Test
  void rejectsAValuesFileThatBreaksTheSchemaNamingTheField() throws Exception {
    Path values = tmp.resolve("broken.yaml");
    Files.writeString(
        values,
        "replicaCount: \"three\"\npersistence:\n  sise: 10Gi\nmysqlConfig:\n  log_bin: \"OFF\"\n");
    HelmRun result =
        helm(write(TestFiles.repoRoot().resolve("examples/sdnc-db.yaml")), List.of(values));
    assertThat(result.problems()).extracting(Problem::checkId).containsOnly("HELM-VALUES-SCHEMA");
    assertThat(result.problems())
        .extracting(p -> p.location().file())
        .containsOnly(values.toString());
    assertThat(result.problems().stream().map(Problem::format).toList())
        .anySatisfy(line -> assertThat(line).contains("replicaCount").contains("integer"))
        .anySatisfy(line -> assertThat(line).contains("sise"))
        .anySatisfy(line -> assertThat(line).contains("log_bin"));
  }

  @Test
  void rejectsTooFewReplicasForSemiSync() throws Exception {
    Path values = tmp.resolve("one.yaml");
    Files.writeString(values, "replicaCount: 1\n");
    HelmRun result =
        helm(write(TestFiles.repoRoot().resolve("examples/sdnc-db.yaml")), List.of(values));
    assertThat(result.problems()).extracting(Problem::path).containsExactly("replicaCount");
  }

  /**
   * The StorageClass is cluster-wide and the provisioner's name is a qualified name whose part
   * after the slash may have 63 characters: both stay within bounds, and distinct, for the longest
   * namespace and release names Kubernetes allows.
   */
  @Test
  @SuppressWarnings("unchecked")
  void nfsNamesStayWithinBoundsAndDistinctForLongNamespaces() throws Exception {
    Path chart = write(TestFiles.repoRoot().resolve("examples/sdnc-db.yaml"));
    String namespace = "n".repeat(63);
    List<String> provisioners = new ArrayList<>();
    for (String release : List.of("a" + "r".repeat(52), "b" + "r".repeat(52))) {
      String manifests =
          new com.marcnuri.helm.Helm(chart)
              .template()
              .withName(release)
              .withNamespace(namespace)
              .withKubeVersion(HelmRender.KUBE_VERSION)
              .call();
      Map<String, Object> storageClass =
          objects(manifests).stream()
              .filter(o -> "StorageClass".equals(o.get("kind")))
              .findFirst()
              .orElseThrow();
      String name = at(storageClass, "metadata", "name");
      String provisioner = (String) storageClass.get("provisioner");
      assertThat(name).hasSizeLessThanOrEqualTo(63).endsWith("-nfs");
      assertThat(provisioner).startsWith("replichart.dev/");
      assertThat(provisioner.substring(provisioner.indexOf('/') + 1)).hasSizeLessThanOrEqualTo(63);
      provisioners.add(provisioner);
    }
    assertThat(provisioners).doesNotHaveDuplicates();
  }

  /**
   * Users must not depend on an image the project would have to build, publish and patch: every
   * container of every example, with every values file, runs on the database's official image or on
   * registry.k8s.io.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void rendersOnlyOfficialDatabaseImagesAndRegistryK8sIo(Path example) throws Exception {
    HelmRun result = helm(write(example), TestFiles.valuesFiles());
    assertThat(result.problems()).isEmpty();
    List<String> images = new ArrayList<>();
    for (String manifests : result.manifests().values()) {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("(?m)^\\s*image: \"?([^\"\\s]+)\"?$").matcher(manifests);
      while (m.find()) {
        images.add(m.group(1));
      }
    }
    assertThat(images)
        .isNotEmpty()
        .allMatch(
            i -> i.matches("(mariadb|mysql):[0-9][0-9.]*") || i.startsWith("registry.k8s.io/"),
            "an official database image or registry.k8s.io");
  }
}
