package dev.replichart.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.replichart.diff.FieldDiff.Change;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which field changes {@code helm upgrade} cannot apply. Helm patches each object in place; the API
 * server's update validation rejects these, so the upgrade fails half-way (objects before the
 * rejected one are already updated). The messages are the API server's own, from its validation
 * code (kubernetes/kubernetes {@code pkg/apis/*}/validation, 1.27 — the oldest version the chart
 * supports), so a user can match them to the error they would get.
 */
final class UpgradeRules {
  /**
   * {@code ValidateStatefulSetUpdate} (pkg/apis/apps/validation/validation.go). Kubernetes 1.27
   * words it so; later versions add {@code 'revisionHistoryLimit'} to the list. There is no update
   * path for {@code volumeClaimTemplates} in 1.27 (KEP-4650 proposes one): the StatefulSet has to
   * be recreated, its PVCs resized one by one
   * (https://kubernetes.io/docs/concepts/storage/persistent-volumes/#expanding-persistent-volumes-claims).
   */
  static final String STATEFULSET_FORBIDDEN =
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals',"
          + " 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and"
          + " 'minReadySeconds' are forbidden";

  /** The StatefulSet spec fields the API server lets an update change. */
  static final Set<String> STATEFULSET_MUTABLE =
      Set.of(
          "replicas",
          "ordinals",
          "template",
          "updateStrategy",
          "revisionHistoryLimit",
          "persistentVolumeClaimRetentionPolicy",
          "minReadySeconds");

  /** {@code ValidateStorageClassUpdate} (pkg/apis/storage/validation/validation.go). */
  static final Map<String, String> STORAGECLASS_FORBIDDEN =
      Map.of(
          "parameters", "parameters: Forbidden: updates to parameters are forbidden.",
          "provisioner", "provisioner: Forbidden: updates to provisioner are forbidden.",
          "reclaimPolicy", "reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.",
          "volumeBindingMode", "volumeBindingMode: Invalid value: field is immutable");

  /**
   * {@code ValidateImmutableField}, used for selectors, a Service's clusterIP, a Job's template.
   */
  static final String IMMUTABLE = "Invalid value: field is immutable";

  /** {@code ValidatePersistentVolumeClaimUpdate} (pkg/apis/core/validation/validation.go, 1.27). */
  static final String PVC_FORBIDDEN =
      "spec: Forbidden: spec is immutable after creation except resources.requests for bound"
          + " claims";

  static final String PVC_SHRINK =
      "spec.resources.requests.storage: Forbidden: field can not be" + " less than previous value";

  /**
   * What the API server fills in when a field is left out: absent and the default are the same
   * value to it, so a chart that starts or stops writing the default changes nothing.
   */
  private static final Map<String, String> DEFAULTS =
      Map.of(
          "StatefulSet spec.podManagementPolicy", "OrderedReady",
          "StatefulSet spec.volumeClaimTemplates[].spec.volumeMode", "Filesystem",
          "Service spec.type", "ClusterIP",
          "StorageClass reclaimPolicy", "Delete",
          "StorageClass volumeBindingMode", "Immediate",
          "PersistentVolumeClaim spec.volumeMode", "Filesystem");

  private static final Pattern ITEM = Pattern.compile("\\[[^\\]]*\\]");

  private static String recreate(ObjectKey key) {
    return "delete the StatefulSet with `kubectl delete statefulset "
        + key.name()
        + " --cascade=orphan` (its pods and PVCs stay) and run helm upgrade again";
  }

  /** One rejected change, before it is located. */
  record Finding(Change change, String message, String hint, String checkId) {}

  private UpgradeRules() {}

  /**
   * The rejected changes among {@code changes} of one object.
   *
   * @param before the old object, for what its own fields decide (an immutable Secret)
   */
  static List<Finding> check(ObjectKey key, JsonNode before, List<Change> changes) {
    boolean immutable = before.path("immutable").asBoolean(false);
    List<Finding> findings = new ArrayList<>();
    for (Change change : changes) {
      if (isDefaulted(key.kind(), change)) {
        continue;
      }
      rule(key, change, immutable).ifPresent(findings::add);
    }
    return findings;
  }

  private static Optional<Finding> rule(ObjectKey key, Change c, boolean immutable) {
    String p = c.path();
    String group = key.apiVersion().contains("/") ? key.apiVersion().split("/")[0] : "";
    switch (key.kind()) {
      case "StatefulSet" -> {
        String field = firstSegment(p, "spec.");
        if (group.equals("apps") && field != null && !STATEFULSET_MUTABLE.contains(field)) {
          String hint =
              field.equals("volumeClaimTemplates")
                  ? "existing PVCs keep their old settings either way: "
                      + recreate(key)
                      + " so new pods get the new template, and resize the existing PVCs by hand"
                      + " if the StorageClass allows expansion; or keep the old value; see the"
                      + " README, \"Upgrade check\""
                  : recreate(key) + "; or keep the old value";
          return finding(c, STATEFULSET_FORBIDDEN, hint, "UPGRADE-STATEFULSET-SPEC");
        }
      }
      case "StorageClass" -> {
        String field = firstSegment(p, "");
        if (group.equals("storage.k8s.io") && STORAGECLASS_FORBIDDEN.containsKey(field)) {
          return finding(
              c,
              STORAGECLASS_FORBIDDEN.get(field),
              "a StorageClass cannot change: give the changed one a new name (existing volumes"
                  + " keep the old class), or delete the StorageClass before the upgrade (existing"
                  + " volumes keep the settings they were made with)",
              "UPGRADE-STORAGECLASS");
        }
      }
      case "Service" -> {
        if (group.isEmpty() && (under(p, "spec.clusterIP") || under(p, "spec.clusterIPs"))) {
          return finding(
              c,
              "spec.clusterIP: " + IMMUTABLE + describeHeadless(c),
              "delete the Service before the upgrade (its clients lose it briefly), or give the"
                  + " changed Service a new name",
              "UPGRADE-SERVICE-CLUSTERIP");
        }
        if (group.isEmpty()
            && p.equals("spec.type")
            && (isText(c.before(), "ExternalName") || isText(c.after(), "ExternalName"))) {
          return finding(
              c,
              "an ExternalName Service has no cluster IP and other types keep theirs: the API"
                  + " server rejects the update (spec.clusterIP: "
                  + IMMUTABLE
                  + ", or spec.externalName: Required value)",
              "delete the Service before the upgrade, or give the changed Service a new name",
              "UPGRADE-SERVICE-TYPE");
        }
      }
      case "Deployment", "DaemonSet", "ReplicaSet" -> {
        if (group.equals("apps") && under(p, "spec.selector")) {
          return finding(
              c,
              "spec.selector: " + IMMUTABLE,
              "delete the "
                  + key.kind()
                  + " before the upgrade (its pods go with it), or keep the"
                  + " old selector",
              "UPGRADE-SELECTOR");
        }
      }
      case "Job" -> {
        if (group.equals("batch") && (under(p, "spec.template") || under(p, "spec.selector"))) {
          return finding(
              c,
              firstTwo(p) + ": " + IMMUTABLE,
              "a Job cannot change once created: delete it before the upgrade, or make it a Helm"
                  + " hook with helm.sh/hook-delete-policy: before-hook-creation",
              "UPGRADE-JOB");
        }
      }
      case "PersistentVolumeClaim" -> {
        if (group.isEmpty() && under(p, "spec")) {
          if (p.equals("spec.resources.requests.storage")) {
            int growth = compareQuantities(c.before(), c.after());
            if (growth > 0) {
              return Optional.empty(); // growing a bound claim is allowed (expansion)
            }
            if (growth < 0) {
              return finding(
                  c,
                  PVC_SHRINK,
                  "a volume cannot shrink: keep the old size, or move the data to a new claim",
                  "UPGRADE-PVC-SPEC");
            }
          }
          return finding(
              c,
              PVC_FORBIDDEN,
              "create a new claim with the new settings and move the data, or keep the old"
                  + " values",
              "UPGRADE-PVC-SPEC");
        }
      }
      case "Secret", "ConfigMap" -> {
        if (group.isEmpty()
            && (under(p, "data") || under(p, "stringData") || under(p, "binaryData"))
            && immutable) {
          return finding(
              c,
              firstSegment(p, "") + ": Forbidden: field is immutable when `immutable` is set",
              "an immutable "
                  + key.kind()
                  + " cannot change: give the changed one a new name (and point its users at"
                  + " it), or delete it before the upgrade",
              "UPGRADE-IMMUTABLE-DATA");
        }
      }
      default -> {
        // every other kind: updates apply
      }
    }
    return Optional.empty();
  }

  private static Optional<Finding> finding(Change c, String message, String hint, String id) {
    return Optional.of(new Finding(c, message, hint, id));
  }

  private static String describeHeadless(Change c) {
    boolean wasHeadless = isText(c.before(), "None");
    boolean isHeadless = isText(c.after(), "None");
    if (wasHeadless == isHeadless) {
      return "";
    }
    return wasHeadless
        ? " (a headless Service cannot get a cluster IP)"
        : " (a Service with a cluster IP cannot become headless)";
  }

  private static boolean isText(JsonNode node, String value) {
    return node != null && node.isTextual() && node.asText().equals(value);
  }

  /** Whether {@code path} is {@code field} or below it. */
  private static boolean under(String path, String field) {
    return path.equals(field) || path.startsWith(field + ".") || path.startsWith(field + "[");
  }

  /** The segment after {@code prefix}, or null when the path does not start with it. */
  private static String firstSegment(String path, String prefix) {
    if (!path.startsWith(prefix)) {
      return null;
    }
    String rest = path.substring(prefix.length());
    int end = rest.length();
    for (int i = 0; i < rest.length(); i++) {
      if (rest.charAt(i) == '.' || rest.charAt(i) == '[') {
        end = i;
        break;
      }
    }
    return rest.substring(0, end);
  }

  private static String firstTwo(String path) {
    String field = firstSegment(path, "spec.");
    return field == null ? path : "spec." + field;
  }

  private static boolean isDefaulted(String kind, Change c) {
    String general = kind + " " + ITEM.matcher(c.path()).replaceAll("[]");
    String value = DEFAULTS.get(general);
    if (value == null) {
      return false;
    }
    JsonNode before = c.before() == null ? TextNode.valueOf(value) : c.before();
    JsonNode after = c.after() == null ? TextNode.valueOf(value) : c.after();
    return before.equals(after);
  }

  private static final Pattern QUANTITY = Pattern.compile("^([0-9.]+)([A-Za-z]*)$");

  /** Sign of after − before for two storage quantities; 0 when either does not parse. */
  static int compareQuantities(JsonNode before, JsonNode after) {
    BigDecimal a = bytes(before);
    BigDecimal b = bytes(after);
    return a == null || b == null ? 0 : b.compareTo(a);
  }

  private static BigDecimal bytes(JsonNode node) {
    if (node == null || !node.isValueNode()) {
      return null;
    }
    Matcher m = QUANTITY.matcher(node.asText().trim());
    if (!m.matches()) {
      return null;
    }
    BigDecimal number;
    try {
      number = new BigDecimal(m.group(1));
    } catch (NumberFormatException e) {
      return null;
    }
    long factor =
        switch (m.group(2)) {
          case "" -> 1L;
          case "k" -> 1_000L;
          case "M" -> 1_000_000L;
          case "G" -> 1_000_000_000L;
          case "T" -> 1_000_000_000_000L;
          case "P" -> 1_000_000_000_000_000L;
          case "Ki" -> 1L << 10;
          case "Mi" -> 1L << 20;
          case "Gi" -> 1L << 30;
          case "Ti" -> 1L << 40;
          case "Pi" -> 1L << 50;
          default -> -1L;
        };
    return factor < 0 ? null : number.multiply(BigDecimal.valueOf(factor));
  }
}
