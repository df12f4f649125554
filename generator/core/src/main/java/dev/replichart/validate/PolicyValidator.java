package dev.replichart.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.replichart.kube.Annotations;
import dev.replichart.kube.KubeObject;
import dev.replichart.kube.Labels;
import dev.replichart.kube.Selectors;
import dev.replichart.problem.Location;
import dev.replichart.problem.Problem;
import dev.replichart.problem.Suggestions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Layer "policy": rules across objects that no schema states. Each check has a stable ID, a message
 * and the fix. A workload may waive a check for itself with the annotation {@value
 * Annotations#POLICY_EXCEPTIONS} (a comma-separated list of IDs), which keeps every exception
 * visible in the chart. A selector may use a label the pods get only at run time when the workload
 * declares the key and its values in {@value Annotations#RUNTIME_LABELS}. Also scans the chart's
 * default values for literal secrets. It does not see cluster policies, admission webhooks or
 * whether images exist.
 */
public final class PolicyValidator implements Layer {
  /**
   * What each component's RBAC may grant: resource → verbs. Anything beyond is reported; this table
   * is the record of what the chart's components call.
   */
  static final Map<String, Map<String, Set<String>>> RBAC_ALLOWED =
      Map.of(
          Labels.COMPONENT_DATABASE,
              Map.of(
                  "pods", Set.of("get", "patch", "delete"),
                  "configmaps", Set.of("get", "patch"),
                  "leases", Set.of("get", "update"),
                  "events", Set.of("create")),
          Labels.COMPONENT_FAILOVER,
              Map.of(
                  "pods", Set.of("patch", "delete"),
                  "leases", Set.of("get", "update"),
                  "events", Set.of("create")),
          Labels.COMPONENT_NFS,
              Map.of(
                  "persistentvolumes", Set.of("get", "list", "watch", "create", "delete"),
                  "persistentvolumeclaims", Set.of("get", "list", "watch", "update"),
                  "storageclasses", Set.of("get", "list", "watch"),
                  "events", Set.of("create", "update", "patch"),
                  "services", Set.of("get")));

  private static final Set<String> WORKLOADS =
      Set.of("StatefulSet", "Deployment", "Job", "CronJob");

  /** Words in a key name that say its value is a secret. */
  private static final String SECRET_WORDS = "password|passwd|token|private[-_]?key|credential";

  /**
   * ConfigMap keys (POL-PLAINTEXT-SECRET): the secret words, and "secret" too — a ConfigMap has no
   * business holding anything named so.
   */
  private static final Pattern SECRET_CONFIG_KEY =
      Pattern.compile("(?i)(" + SECRET_WORDS + "|secret)");

  /**
   * Default values (POL-PLAINTEXT-VALUE): the same words without "secret", because values such as
   * {@code auth.existingSecret} name a Secret rather than hold its content.
   */
  private static final Pattern SECRET_VALUE_KEY = Pattern.compile("(?i)(" + SECRET_WORDS + ")");

  private static final Pattern SECRET_ASSIGNMENT =
      Pattern.compile(
          "(?i)(password|passwd|pwd|secret|token)[\"']?\\s*[=:]\\s*[\"']?([^\\s\"'$%{}<>()\\[\\]]{3,})");
  private static final Pattern IDENTIFIED_BY =
      Pattern.compile("(?i)IDENTIFIED\\s+BY\\s+'([^'$%]+)'");

  /**
   * What a line must contain, lower-cased, for {@link #SECRET_ASSIGNMENT} or {@link #IDENTIFIED_BY}
   * to match it ("passw" covers password and passwd). Testing these first spares the two
   * case-insensitive patterns nearly every line of the scripts.
   */
  static final List<String> SECRET_LINE_WORDS =
      List.of("passw", "pwd", "secret", "token", "identified");

  /** The chart's default values, then the objects of each render together. */
  @Override
  public List<Problem> check(ChartUnderTest chart) {
    List<Problem> problems = new ArrayList<>(checkDefaults(chart.dir()));
    // a ConfigMap's check reads that object alone, and the scripts' ConfigMaps (the largest
    // objects) render the same for every values file: each distinct one is scanned once
    ChartUnderTest.PerObject<List<Problem>> configMaps = new ChartUnderTest.PerObject<>();
    for (ChartUnderTest.Render.Parsed render : chart.parsed()) {
      problems.addAll(check(render.objects(), chart.locator(), configMaps));
    }
    return problems;
  }

  private List<Problem> check(
      List<KubeObject> objects,
      Locator locator,
      ChartUnderTest.PerObject<List<Problem>> configMaps) {
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
        case "ConfigMap" ->
            problems.addAll(
                configMaps.computeIfAbsent(
                    o,
                    cm -> {
                      List<Problem> found = new ArrayList<>();
                      checkConfigMap(cm, locator, found);
                      return found;
                    }));
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
        && !selects(selector, podLabels, Map.of())) {
      problems.add(
          locator.problem(
              w,
              "spec.selector.matchLabels",
              "selects labels " + selector + " that its pod template does not carry " + podLabels,
              "make the selector a subset of " + templatePath + ".metadata.labels",
              Check.POL_SELECTOR));
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
                  Check.POL_RESOURCES));
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
                      Check.POL_PROBES));
            }
          }
        }
        checkSecurityContext(w, pod, c, path, name, exempt, locator, problems);
      }
    }
    PodMountChecks.check(w, templatePath, objects, locator, problems);
    if (w.kind().equals("StatefulSet")) {
      checkStatefulSet(w, objects, locator, problems);
    }
    int replicas = w.node().path("spec").path("replicas").asInt(1);
    if (longRunning && replicas > 1 && !exempt.contains(Check.POL_PDB.id())) {
      boolean covered =
          objects.stream()
              .filter(o -> o.kind().equals("PodDisruptionBudget"))
              .anyMatch(
                  pdb ->
                      selects(
                          pdb.node().path("spec").path("selector").path("matchLabels"),
                          podLabels,
                          Map.of()));
      if (!covered) {
        problems.add(
            locator.problem(
                w,
                "spec.replicas",
                replicas + " replicas but no PodDisruptionBudget selects its pods",
                "enable podDisruptionBudget",
                Check.POL_PDB));
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
              Check.POL_PRIVILEGE_ESCALATION));
    }
    if (!exempt.contains(Check.POL_CAPABILITIES.id())) {
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
                Check.POL_CAPABILITIES));
      }
    }
    if (!exempt.contains(Check.POL_NON_ROOT.id())) {
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
                Check.POL_NON_ROOT));
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
              Check.POL_SERVICE_NAME));
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
                Check.POL_STORAGECLASS));
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
                Check.POL_TARGET_PORT));
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
      if (selects(selector, labels, runtimeLabels(w))) {
        matched.add(w);
      }
    }
    if (matched.isEmpty()) {
      problems.add(selectsNothing(o, selector, path, workloads, locator));
    }
    return matched;
  }

  /**
   * The problem for a selector that selects nothing: said precisely when it would select a
   * workload's pods but for a value its run-time label is never set to (a misspelt role).
   */
  private static Problem selectsNothing(
      KubeObject o, JsonNode selector, String path, List<KubeObject> workloads, Locator locator) {
    Map<String, String> wanted = Selectors.toMap(selector);
    for (KubeObject w : workloads) {
      Map<String, Set<String>> runtime = runtimeLabels(w);
      Map<String, String> labels =
          Selectors.toMap(at(w.node(), podTemplatePath(w)).path("metadata").path("labels"));
      if (runtime.isEmpty() || !Selectors.matches(wanted, labels, runtime.keySet())) {
        continue;
      }
      for (Map.Entry<String, String> e : wanted.entrySet()) {
        Set<String> declared = runtime.get(e.getKey());
        if (declared != null && !declared.contains(e.getValue())) {
          return locator.problem(
              o,
              path,
              "selects "
                  + e.getKey()
                  + "="
                  + e.getValue()
                  + ", a value "
                  + w.label()
                  + " never sets on its pods (declared in "
                  + Annotations.RUNTIME_LABELS
                  + ": "
                  + (declared.isEmpty() ? "none" : String.join("|", declared))
                  + ")",
              declared.isEmpty()
                  ? "declare the values as " + e.getKey() + "=value|value"
                  : Suggestions.hint(e.getValue(), declared),
              Check.POL_SELECTOR);
        }
      }
    }
    return locator.problem(
        o,
        path,
        "selects " + selector + ", which no pod template of the chart carries",
        "match the labels of the pods it is meant for",
        Check.POL_SELECTOR);
  }

  // --- config and RBAC -------------------------------------------------------------------------

  private void checkConfigMap(KubeObject cm, Locator locator, List<Problem> problems) {
    Iterator<Map.Entry<String, JsonNode>> data = cm.node().path("data").fields();
    while (data.hasNext()) {
      Map.Entry<String, JsonNode> e = data.next();
      String key = e.getKey();
      String value = e.getValue().asText("");
      if (SECRET_CONFIG_KEY.matcher(key).find() && !key.endsWith(".sh")) {
        problems.add(
            locator.problem(
                cm,
                "data." + key,
                "a ConfigMap key named like a secret",
                "keep passwords and keys in a Secret",
                Check.POL_PLAINTEXT_SECRET));
        continue;
      }
      for (String line : linesThatMayHoldSecret(value)) {
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
                  Check.POL_PLAINTEXT_SECRET));
          break;
        }
      }
    }
  }

  /**
   * The lines of {@code text} that contain one of {@link #SECRET_LINE_WORDS}, in order: the words
   * are looked for in the whole text at once, lower-cased once, rather than line by line.
   */
  static List<String> linesThatMayHoldSecret(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.length() != text.length()) {
      // a character whose lower case is longer (İ): offsets in lower are not offsets in text
      return Arrays.stream(text.split("\n")).filter(PolicyValidator::mayHoldSecret).toList();
    }
    TreeSet<Integer> starts = new TreeSet<>();
    for (String word : SECRET_LINE_WORDS) {
      for (int at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) {
        starts.add(lower.lastIndexOf('\n', at) + 1);
      }
    }
    List<String> lines = new ArrayList<>();
    for (int start : starts) {
      int end = text.indexOf('\n', start);
      lines.add(text.substring(start, end < 0 ? text.length() : end));
    }
    return lines;
  }

  private static boolean mayHoldSecret(String line) {
    String lower = line.toLowerCase(Locale.ROOT);
    for (String word : SECRET_LINE_WORDS) {
      if (lower.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /** Literal secrets among the chart's default values. */
  private static List<Problem> checkDefaults(Path chartDir) {
    Path file = chartDir.resolve("values.yaml");
    List<Problem> problems = new ArrayList<>();
    JsonNode defaults;
    try {
      defaults = new YAMLMapper().readTree(file.toFile());
    } catch (IOException e) {
      // The values layer reads only the -f files; this is the one reader of the defaults.
      problems.add(
          new Problem(
              Location.ofFile(file.toString()),
              "",
              "cannot read: " + e.getMessage(),
              "",
              Check.VALUES_IO.id()));
      return problems;
    }
    scanDefaults(defaults, "", file.toString(), problems);
    return problems;
  }

  private static void scanDefaults(
      JsonNode node, String path, String file, List<Problem> problems) {
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String child = path + "." + e.getKey();
      JsonNode value = e.getValue();
      if (value.isObject()) {
        scanDefaults(value, child, file, problems);
      } else if (SECRET_VALUE_KEY.matcher(e.getKey()).find()
          && value.isTextual()
          && !value.asText().isEmpty()) {
        problems.add(
            new Problem(
                Location.ofFile(file),
                child,
                "a default value that looks like a secret",
                "leave it empty and read it from a Secret",
                Check.POL_PLAINTEXT_VALUE.id()));
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
                    Check.POL_RBAC_WILDCARD));
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
                  Check.POL_RBAC_VERBS));
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

  /**
   * Whether labels carry every pair of the selector, a key set at run time matching any value
   * declared for it. An empty selector counts as selecting nothing: the chart never means "every
   * pod".
   */
  private static boolean selects(
      JsonNode selector, JsonNode labels, Map<String, Set<String>> runtime) {
    return !selector.isEmpty()
        && Selectors.matchesAtRunTime(Selectors.toMap(selector), Selectors.toMap(labels), runtime);
  }

  private static Map<String, Set<String>> runtimeLabels(KubeObject w) {
    return Annotations.parseRuntimeLabels(
        w.annotations().path(Annotations.RUNTIME_LABELS).asText(""));
  }

  private static Set<String> exceptions(KubeObject w) {
    return words(w.annotations().path(Annotations.POLICY_EXCEPTIONS).asText(""));
  }

  private static Set<String> words(String text) {
    Set<String> out = new TreeSet<>();
    Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isBlank()).forEach(out::add);
    return out;
  }
}
