package dev.replichart.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The upgrade rules on small objects: what Kubernetes rejects, and what it lets through. */
class UpgradeRulesTest {
  private static final YAMLMapper YAML = new YAMLMapper();

  private static List<String> findings(String kind, String apiVersion, String before, String after)
      throws Exception {
    JsonNode a = YAML.readTree(before);
    JsonNode b = YAML.readTree(after);
    ObjectKey key = new ObjectKey(apiVersion, kind, "", "x");
    return UpgradeRules.check(key, a, FieldDiff.diff(a, b)).stream()
        .map(f -> f.checkId() + " " + f.change().path())
        .toList();
  }

  @Test
  void statefulSetAllowsTemplateReplicasAndStrategyOnly() throws Exception {
    assertThat(
            findings(
                "StatefulSet",
                "apps/v1",
                "spec: {replicas: 3, serviceName: a, template: {x: 1}, selector: {matchLabels: {a: b}}}",
                "spec: {replicas: 5, serviceName: b, template: {x: 2}, selector: {matchLabels: {a: c}}}"))
        .containsExactly(
            "UPGRADE-STATEFULSET-SPEC spec.selector.matchLabels.a",
            "UPGRADE-STATEFULSET-SPEC spec.serviceName");
  }

  @Test
  void writingADefaultThatWasLeftOutChangesNothing() throws Exception {
    assertThat(
            findings(
                "StatefulSet", "apps/v1", "spec: {}", "spec: {podManagementPolicy: OrderedReady}"))
        .isEmpty();
    assertThat(
            findings("StatefulSet", "apps/v1", "spec: {}", "spec: {podManagementPolicy: Parallel}"))
        .containsExactly("UPGRADE-STATEFULSET-SPEC spec.podManagementPolicy");
    assertThat(findings("Service", "v1", "spec: {}", "spec: {type: ClusterIP}")).isEmpty();
  }

  @Test
  void aServiceCannotBecomeHeadlessOrStopBeingIt() throws Exception {
    assertThat(findings("Service", "v1", "spec: {clusterIP: None}", "spec: {}"))
        .containsExactly("UPGRADE-SERVICE-CLUSTERIP spec.clusterIP");
    assertThat(findings("Service", "v1", "spec: {}", "spec: {clusterIP: None}"))
        .containsExactly("UPGRADE-SERVICE-CLUSTERIP spec.clusterIP");
    assertThat(findings("Service", "v1", "spec: {type: ClusterIP}", "spec: {type: ExternalName}"))
        .containsExactly("UPGRADE-SERVICE-TYPE spec.type");
    assertThat(findings("Service", "v1", "spec: {type: ClusterIP}", "spec: {type: NodePort}"))
        .isEmpty();
  }

  @Test
  void storageClassFieldsAreFixed() throws Exception {
    assertThat(
            findings(
                "StorageClass",
                "storage.k8s.io/v1",
                "{provisioner: a, parameters: {x: '1'}, volumeBindingMode: Immediate}",
                "{provisioner: b, parameters: {x: '2'}, allowVolumeExpansion: true}"))
        .containsExactly("UPGRADE-STORAGECLASS parameters.x", "UPGRADE-STORAGECLASS provisioner");
  }

  @Test
  void selectorsOfDeploymentsAndDaemonSetsAndJobTemplatesAreFixed() throws Exception {
    assertThat(
            findings(
                "Deployment",
                "apps/v1",
                "spec: {selector: {matchLabels: {a: b}}, template: {x: 1}}",
                "spec: {selector: {matchLabels: {a: c}}, template: {x: 2}}"))
        .containsExactly("UPGRADE-SELECTOR spec.selector.matchLabels.a");
    assertThat(
            findings(
                "DaemonSet",
                "apps/v1",
                "spec: {selector: {matchLabels: {a: b}}}",
                "spec: {selector: {matchLabels: {a: b, c: d}}}"))
        .containsExactly("UPGRADE-SELECTOR spec.selector.matchLabels.c");
    assertThat(
            findings(
                "Job",
                "batch/v1",
                "spec: {template: {spec: {containers: [{name: a, image: x:1}]}}}",
                "spec: {template: {spec: {containers: [{name: a, image: x:2}]}}}"))
        .containsExactly("UPGRADE-JOB spec.template.spec.containers[name=a].image");
    assertThat(
            findings(
                "CronJob",
                "batch/v1",
                "spec: {jobTemplate: {spec: {template: {x: 1}}}}",
                "spec: {jobTemplate: {spec: {template: {x: 2}}}}"))
        .isEmpty();
  }

  @Test
  void aClaimMayGrowButNeitherShrinkNorChangeElse() throws Exception {
    String claim = "spec: {resources: {requests: {storage: %s}}, storageClassName: %s}";
    assertThat(
            findings(
                "PersistentVolumeClaim",
                "v1",
                claim.formatted("10Gi", "a"),
                claim.formatted("20Gi", "a")))
        .isEmpty();
    assertThat(
            findings(
                "PersistentVolumeClaim",
                "v1",
                claim.formatted("10Gi", "a"),
                claim.formatted("9000M", "b")))
        .containsExactly(
            "UPGRADE-PVC-SPEC spec.resources.requests.storage",
            "UPGRADE-PVC-SPEC spec.storageClassName");
  }
}
