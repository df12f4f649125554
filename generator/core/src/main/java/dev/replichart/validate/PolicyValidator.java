package dev.replichart.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replichart.kube.Annotations;
import dev.replichart.kube.KubeObject;
import dev.replichart.kube.Labels;
import dev.replichart.problem.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Layer "policy": rules across objects that no schema states. Each check has a stable ID, a message
 * and the fix. A workload may waive a check for itself with the annotation {@value
 * Annotations#POLICY_EXCEPTIONS} (a comma-separated list of IDs), which keeps every exception
 * visible in the chart. It does not see cluster policies, admission webhooks or whether images
 * exist.
 */
public final class PolicyValidator {
  /**
   * What each component's RBAC may grant: resource → verbs. Anything beyond is reported; this table
   * is the record of what the chart's components call.
   */
  static final Map<String, Map<String, Set<String>>> RBAC_ALLOWED =
      Map.of(
          Labels.COMPONENT_DATABASE, Map.of("pods", Set.of("get", "patch")),
          Labels.COMPONENT_FAILOVER, Map.of("pods", Set.of("get", "patch", "delete")),
          Labels.COMPONENT_NFS,
              Map.of(
                  "persistentvolumes", Set.of("get", "list", "watch", "create", "delete"),
                  "persistentvolumeclaims", Set.of("get", "list", "watch", "update"),
                  "storageclasses", Set.of("get", "list", "watch"),
                  "events", Set.of("create", "update", "patch", "list", "watch"),
                  "endpoints", Set.of("get", "list", "watch", "create", "update", "patch"),
                  "services", Set.of("get")));

  private static final Set<String> WORKLOADS =
      Set.of("StatefulSet", "Deployment", "Job", "CronJob");
  private static final Pattern SECRET_KEY =
      Pattern.compile("(?i)(password|passwd|secret|token|private[-_]?key|credential)");
  private static final Pattern SECRET_ASSIGNMENT =
      Pattern.compile(
          "(?i)(password|passwd|pwd|secret|token)[\"']?\\s*[=:]\\s*[\"']?([^\\s\"'$%{}<>()\\[\\]]{3,})");
  private static final Pattern IDENTIFIED_BY =
      Pattern.compile("(?i)IDENTIFIED\\s+BY\\s+'([^'$%]+)'");

  public List<Problem> check(List<KubeObject> objects, Locator locator) {
    List<Problem> problems = new ArrayList<>();
    List<KubeObject> workloads =
        objects.stream().filter(o -> WORKLOADS.contains(o.kind())).toList();
    for (KubeObject workload : workloads) {
      checkWorkload(workload, objects, locator, problems);
    }
    for (KubeObject o : objects) {
      switch (o.kind()) {
        case "Service" -> checkService(o, workloads, locator, problems);
        case "PodDisruptionBudget" ->
            checkSelects(
                o,
                o.node().path("spec").path("selector").path("matchLabels"),
                "spec.selector.matchLabels",
                workloads,
                locator,
                problems);
        case "NetworkPolicy" ->
            checkSelects(
                o,
                o.node().path("spec").path("podSelector").path("matchLabels"),
                "spec.podSelector.matchLabels",
                workloads,
                locator,
                problems);
        case "ConfigMap" -> checkConfigMap(o, locator, problems);
        case "Role", "ClusterRole" -> checkRbac(o, locator, problems);
        default -> {}
      }
    }
    return problems;
  }

  // --- workloads -------------------------------------------------------------------------------

  private void checkWorkload(
      KubeObject w, List<KubeObject> objects, Locator locator, List<Problem> problems) {
    String templatePath = podTemplatePath(w);
    JsonNode template = at(w.node(), templatePath);
    JsonNode podLabels = template.path("metadata").path("labels");
    JsonNode selector = w.node().path("spec").path("selector").path("matchLabels");
    if (!w.kind().equals("CronJob")
        && !w.kind().equals("Job")
        && !contains(podLabels, selector, Set.of())) {
      problems.add(
          locator.problem(
              w,
              "spec.selector.matchLabels",
              "selects labels " + selector + " that its pod template does not carry " + podLabels,
              "make the selector a subset of " + templatePath + ".metadata.labels",
              "POL-SELECTOR"));
    }
    Set<String> exempt = exceptions(w);
    JsonNode pod = template.path("spec");
    boolean longRunning = w.kind().equals("StatefulSet") || w.kind().equals("Deployment");
    for (String list : List.of("initContainers", "containers")) {
      JsonNode containers = pod.path(list);
      for (int i = 0; i < containers.size(); i++) {
        JsonNode c = containers.get(i);
        String path = templatePath + ".spec." + list + "[" + i + "]";
        String name = c.path("name").asText();
        JsonNode requests = c.path("resources").path("requests");
        if (!requests.has("cpu") || !requests.has("memory")) {
          problems.add(
              locator.problem(
                  w,
                  path + ".resources.requests",
                  "container " + name + " has no CPU and memory requests",
                  "set resources.requests.cpu and .memory",
                  "POL-RESOURCES"));
        }
        if (longRunning && list.equals("containers")) {
          for (String probe : List.of("livenessProbe", "readinessProbe")) {
            if (!c.has(probe)) {
              problems.add(
                  locator.problem(
                      w,
                      path + "." + probe,
                      "container " + name + " has no " + probe,
                      "add a " + probe + " that tests what the container serves",
                      "POL-PROBES"));
            }
          }
        }
        checkSecurityContext(w, pod, c, path, name, exempt, locator, problems);
      }
    }
    if (w.kind().equals("StatefulSet")) {
      checkStatefulSet(w, objects, locator, problems);
    }
    int replicas = w.node().path("spec").path("replicas").asInt(1);
    if (longRunning && replicas > 1 && !exempt.contains("POL-PDB")) {
      boolean covered =
          objects.stream()
              .filter(o -> o.kind().equals("PodDisruptionBudget"))
              .anyMatch(
                  pdb ->
                      contains(
                          podLabels,
                          pdb.node().path("spec").path("selector").path("matchLabels"),
                          Set.of()));
      if (!covered) {
        problems.add(
            locator.problem(
                w,
                "spec.replicas",
                replicas + " replicas but no PodDisruptionBudget selects its pods",
                "enable podDisruptionBudget",
                "POL-PDB"));
      }
    }
  }

  private void checkSecurityContext(
      KubeObject w,
      JsonNode pod,
      JsonNode c,
      String path,
      String name,
      Set<String> exempt,
      Locator locator,
      List<Problem> problems) {
    JsonNode sc = c.path("securityContext");
    JsonNode podSc = pod.path("securityContext");
    if (!sc.path("allowPrivilegeEscalation").isBoolean()
        || sc.path("allowPrivilegeEscalation").asBoolean()
        || sc.path("privileged").asBoolean(false)) {
      problems.add(
          locator.problem(
              w,
              path + ".securityContext.allowPrivilegeEscalation",
              "container " + name + " may escalate privileges",
              "set securityContext.allowPrivilegeEscalation: false (and no privileged)",
              "POL-PRIVILEGE-ESCALATION"));
    }
    if (!exempt.contains("POL-CAPABILITIES")) {
      boolean dropsAll = false;
      for (JsonNode cap : sc.path("capabilities").path("drop")) {
        dropsAll |= cap.asText().equals("ALL");
      }
      if (!dropsAll) {
        problems.add(
            locator.problem(
                w,
                path + ".securityContext.capabilities.drop",
                "container " + name + " keeps the default Linux capabilities",
                "drop ALL capabilities",
                "POL-CAPABILITIES"));
      }
    }
    if (!exempt.contains("POL-NON-ROOT")) {
      boolean nonRoot =
          sc.path("runAsNonRoot").asBoolean(podSc.path("runAsNonRoot").asBoolean(false));
      int user = sc.path("runAsUser").asInt(podSc.path("runAsUser").asInt(-1));
      if (!nonRoot || user == 0) {
        problems.add(
            locator.problem(
                w,
                path + ".securityContext.runAsNonRoot",
                "container " + name + " may run as root",
                "set runAsNonRoot: true and a non-zero runAsUser, or declare an exception in "
                    + Annotations.POLICY_EXCEPTIONS,
                "POL-NON-ROOT"));
      }
    }
  }

  private void checkStatefulSet(
      KubeObject sts, List<KubeObject> objects, Locator locator, List<Problem> problems) {
    String serviceName = sts.node().path("spec").path("serviceName").asText("");
    boolean headless =
        objects.stream()
            .anyMatch(
                o ->
                    o.kind().equals("Service")
                        && o.name().equals(serviceName)
                        && "None".equals(o.node().path("spec").path("clusterIP").asText()));
    if (!headless) {
      problems.add(
          locator.problem(
              sts,
              "spec.serviceName",
              "serviceName '" + serviceName + "' is not a headless Service of this chart",
              "name the Service with clusterIP: None that selects these pods",
              "POL-SERVICE-NAME"));
    }
    boolean external =
        Annotations.EXTERNAL.equals(sts.annotations().path(Annotations.STORAGE_CLASS).asText());
    JsonNode claims = sts.node().path("spec").path("volumeClaimTemplates");
    for (int i = 0; i < claims.size(); i++) {
      String storageClass = claims.get(i).path("spec").path("storageClassName").asText("");
      boolean inChart =
          objects.stream()
              .anyMatch(o -> o.kind().equals("StorageClass") && o.name().equals(storageClass));
      if (!storageClass.isEmpty() && !inChart && !external) {
        problems.add(
            locator.problem(
                sts,
                "spec.volumeClaimTemplates[" + i + "].spec.storageClassName",
                "StorageClass '" + storageClass + "' is neither in the chart nor declared external",
                "add the StorageClass, or annotate the StatefulSet "
                    + Annotations.STORAGE_CLASS
                    + ": external",
                "POL-STORAGECLASS"));
      }
    }
  }

  // --- services and selectors ------------------------------------------------------------------

  private void checkService(
      KubeObject svc, List<KubeObject> workloads, Locator locator, List<Problem> problems) {
    JsonNode selector = svc.node().path("spec").path("selector");
    if (selector.isMissingNode() || selector.isEmpty()) {
      return;
    }
    List<KubeObject> selected =
        checkSelects(svc, selector, "spec.selector", workloads, locator, problems);
    JsonNode ports = svc.node().path("spec").path("ports");
    for (int i = 0; i < ports.size(); i++) {
      JsonNode port = ports.get(i);
      JsonNode target = port.has("targetPort") ? port.get("targetPort") : port.get("port");
      if (selected.isEmpty() || target == null) {
        continue;
      }
      boolean found = false;
      for (KubeObject w : selected) {
        JsonNode containers = at(w.node(), podTemplatePath(w)).path("spec").path("containers");
        for (JsonNode c : containers) {
          for (JsonNode p : c.path("ports")) {
            found |=
                target.isInt()
                    ? p.path("containerPort").asInt() == target.asInt()
                    : p.path("name").asText().equals(target.asText());
          }
        }
      }
      if (!found) {
        problems.add(
            locator.problem(
                svc,
                "spec.ports[" + i + "].targetPort",
                "target port '" + target.asText() + "' is not a port of the pods it selects",
                "use a container port name or number of the selected pods",
                "POL-TARGET-PORT"));
      }
    }
  }

  /** Reports a selector that matches no pod template; returns the workloads it matches. */
  private List<KubeObject> checkSelects(
      KubeObject o,
      JsonNode selector,
      String path,
      List<KubeObject> workloads,
      Locator locator,
      List<Problem> problems) {
    List<KubeObject> matched = new ArrayList<>();
    for (KubeObject w : workloads) {
      JsonNode labels = at(w.node(), podTemplatePath(w)).path("metadata").path("labels");
      if (contains(labels, selector, runtimeLabels(w))) {
        matched.add(w);
      }
    }
    if (matched.isEmpty()) {
      problems.add(
          locator.problem(
              o,
              path,
              "selects " + selector + ", which no pod template of the chart carries",
              "match the labels of the pods it is meant for",
              "POL-SELECTOR"));
    }
    return matched;
  }

  // --- config and RBAC -------------------------------------------------------------------------

  private void checkConfigMap(KubeObject cm, Locator locator, List<Problem> problems) {
    Iterator<Map.Entry<String, JsonNode>> data = cm.node().path("data").fields();
    while (data.hasNext()) {
      Map.Entry<String, JsonNode> e = data.next();
      String key = e.getKey();
      String value = e.getValue().asText("");
      if (SECRET_KEY.matcher(key).find() && !key.endsWith(".sh")) {
        problems.add(
            locator.problem(
                cm,
                "data." + key,
                "a ConfigMap key named like a secret",
                "keep passwords and keys in a Secret",
                "POL-PLAINTEXT-SECRET"));
        continue;
      }
      for (String line : value.split("\n")) {
        String trimmed = line.trim();
        if (trimmed.startsWith("#")) {
          continue;
        }
        Matcher assignment = SECRET_ASSIGNMENT.matcher(trimmed);
        Matcher identified = IDENTIFIED_BY.matcher(trimmed);
        if (assignment.find() || identified.find()) {
          problems.add(
              locator.problem(
                  cm,
                  "data." + key,
                  "a literal secret in a ConfigMap: '" + trimmed + "'",
                  "read it from a Secret instead",
                  "POL-PLAINTEXT-SECRET"));
          break;
        }
      }
    }
  }

  private void checkRbac(KubeObject role, Locator locator, List<Problem> problems) {
    String component = role.labels().path(Labels.COMPONENT).asText("");
    Map<String, Set<String>> allowed = RBAC_ALLOWED.getOrDefault(component, Map.of());
    JsonNode rules = role.node().path("rules");
    for (int i = 0; i < rules.size(); i++) {
      JsonNode rule = rules.get(i);
      for (String field : List.of("apiGroups", "resources", "verbs", "resourceNames")) {
        for (JsonNode item : rule.path(field)) {
          if (item.asText().contains("*")) {
            problems.add(
                locator.problem(
                    role,
                    "rules[" + i + "]." + field,
                    "wildcard '" + item.asText() + "'",
                    "name the exact " + field + " the component uses",
                    "POL-RBAC-WILDCARD"));
          }
        }
      }
      for (JsonNode resource : rule.path("resources")) {
        Set<String> permitted = allowed.getOrDefault(resource.asText(), Set.of());
        TreeSet<String> extra = new TreeSet<>();
        for (JsonNode verb : rule.path("verbs")) {
          if (!permitted.contains(verb.asText()) && !verb.asText().contains("*")) {
            extra.add(verb.asText());
          }
        }
        if (!extra.isEmpty()) {
          problems.add(
              locator.problem(
                  role,
                  "rules[" + i + "].verbs",
                  "grants "
                      + extra
                      + " on "
                      + resource.asText()
                      + ", which the "
                      + component
                      + " component does not use",
                  "allowed: " + new TreeSet<>(permitted),
                  "POL-RBAC-VERBS"));
        }
      }
    }
  }

  // --- helpers -------------------------------------------------------------------------------

  static String podTemplatePath(KubeObject w) {
    return w.kind().equals("CronJob") ? "spec.jobTemplate.spec.template" : "spec.template";
  }

  static JsonNode at(JsonNode node, String dotted) {
    JsonNode current = node;
    for (String key : dotted.split("\\.")) {
      current = current.path(key);
    }
    return current;
  }

  /** Whether labels carry every pair of the selector, ignoring keys set at run time. */
  private static boolean contains(JsonNode labels, JsonNode selector, Set<String> runtime) {
    if (selector.isMissingNode() || selector.isEmpty()) {
      return false;
    }
    Iterator<Map.Entry<String, JsonNode>> it = selector.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (runtime.contains(e.getKey())) {
        continue;
      }
      if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
        return false;
      }
    }
    return true;
  }

  private static Set<String> runtimeLabels(KubeObject w) {
    return words(w.annotations().path(Annotations.RUNTIME_LABELS).asText(""));
  }

  private static Set<String> exceptions(KubeObject w) {
    return words(w.annotations().path(Annotations.POLICY_EXCEPTIONS).asText(""));
  }

  private static Set<String> words(String text) {
    Set<String> out = new TreeSet<>();
    Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isBlank()).forEach(out::add);
    return out;
  }

  /** The IDs of every check, for documentation and tests. */
  public static Map<String, String> checks() {
    Map<String, String> checks = new LinkedHashMap<>();
    checks.put("POL-SELECTOR", "selectors match the labels of the chart's pod templates");
    checks.put(
        "POL-SERVICE-NAME", "a StatefulSet's serviceName is a headless Service of the chart");
    checks.put("POL-TARGET-PORT", "Service target ports exist on the selected pods");
    checks.put("POL-RESOURCES", "every container requests CPU and memory");
    checks.put("POL-PROBES", "long-running containers have liveness and readiness probes");
    checks.put("POL-PRIVILEGE-ESCALATION", "no container may escalate privileges");
    checks.put("POL-CAPABILITIES", "containers drop all Linux capabilities");
    checks.put("POL-NON-ROOT", "containers run as a non-root user");
    checks.put("POL-PLAINTEXT-SECRET", "no password or key in a ConfigMap");
    checks.put("POL-PLAINTEXT-VALUE", "no password or key in the values defaults");
    checks.put("POL-RBAC-WILDCARD", "RBAC rules name exact groups, resources and verbs");
    checks.put("POL-RBAC-VERBS", "RBAC grants only the verbs each component uses");
    checks.put("POL-PDB", "a workload with more than one replica has a PodDisruptionBudget");
    checks.put("POL-STORAGECLASS", "claimed StorageClasses are in the chart or declared external");
    return checks;
  }
}
