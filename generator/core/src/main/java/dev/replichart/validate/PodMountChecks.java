package dev.replichart.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replichart.kube.KubeObject;
import dev.replichart.problem.Problem;
import dev.replichart.problem.Suggestions;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The policy checks that the files a pod needs are there: every volume a container mounts is a
 * volume of its pod or a claim template of its StatefulSet ({@link Check#POL_VOLUME_MOUNT}), and
 * every file a container runs from a ConfigMap mount ({@code sh <mountPath>/init-mysql.sh}, in its
 * command, args, exec probes or hooks) is a key of that ConfigMap as Helm rendered it ({@link
 * Check#POL_CONFIGMAP_FILE}; a {@code .Files.Glob} ConfigMap has a key only for a file that
 * exists). It does not follow what a script sources, nor mounts with a {@code subPath}, nor
 * ConfigMaps from outside the chart.
 */
final class PodMountChecks {
  /** Where a container's command may name a file: its command and args, exec probes and hooks. */
  private static final List<String> COMMANDS =
      List.of(
          "command",
          "args",
          "startupProbe.exec.command",
          "livenessProbe.exec.command",
          "readinessProbe.exec.command",
          "lifecycle.postStart.exec.command",
          "lifecycle.preStop.exec.command");

  private PodMountChecks() {}

  /**
   * @param w the workload
   * @param templatePath the path of its pod template ({@code spec.template})
   * @param objects every object of the same render (the ConfigMaps are looked up among them)
   */
  static void check(
      KubeObject w,
      String templatePath,
      List<KubeObject> objects,
      Locator locator,
      List<Problem> problems) {
    JsonNode pod = PolicyValidator.at(w.node(), templatePath).path("spec");
    Map<String, JsonNode> volumes = new LinkedHashMap<>();
    for (JsonNode v : pod.path("volumes")) {
      volumes.put(v.path("name").asText(), v);
    }
    Set<String> mountable = new TreeSet<>(volumes.keySet());
    if (w.kind().equals("StatefulSet")) {
      for (JsonNode claim : w.node().path("spec").path("volumeClaimTemplates")) {
        mountable.add(claim.path("metadata").path("name").asText());
      }
    }
    for (String list : List.of("initContainers", "containers")) {
      JsonNode containers = pod.path(list);
      for (int i = 0; i < containers.size(); i++) {
        JsonNode c = containers.get(i);
        String path = templatePath + ".spec." + list + "[" + i + "]";
        String name = c.path("name").asText();
        Map<String, Set<String>> configMapDirs = new LinkedHashMap<>();
        JsonNode mounts = c.path("volumeMounts");
        for (int j = 0; j < mounts.size(); j++) {
          JsonNode mount = mounts.get(j);
          String volume = mount.path("name").asText();
          if (!mountable.contains(volume)) {
            problems.add(
                locator.problem(
                    w,
                    path + ".volumeMounts[" + j + "].name",
                    "container "
                        + name
                        + " mounts volume '"
                        + volume
                        + "', which its pod does not define",
                    Suggestions.hint(volume, mountable),
                    Check.POL_VOLUME_MOUNT));
            continue;
          }
          Set<String> files = configMapFiles(volumes.get(volume), objects);
          if (files != null && !mount.has("subPath")) {
            configMapDirs.put(mount.path("mountPath").asText(), files);
          }
        }
        checkCommands(w, c, path, name, configMapDirs, locator, problems);
      }
    }
  }

  /** Reports each file under a ConfigMap mount that the commands name and the ConfigMap lacks. */
  private static void checkCommands(
      KubeObject w,
      JsonNode c,
      String path,
      String name,
      Map<String, Set<String>> configMapDirs,
      Locator locator,
      List<Problem> problems) {
    for (Map.Entry<String, Set<String>> dir : configMapDirs.entrySet()) {
      Pattern file =
          Pattern.compile(
              "(?<![\\w./-])"
                  + Pattern.quote(stripSlash(dir.getKey()))
                  + "/([\\w.-]+(?:/[\\w.-]+)*)");
      for (String field : COMMANDS) {
        JsonNode args = PolicyValidator.at(c, field);
        for (int k = 0; k < args.size(); k++) {
          Matcher m = file.matcher(args.get(k).asText(""));
          while (m.find()) {
            if (!dir.getValue().contains(m.group(1))) {
              problems.add(
                  locator.problem(
                      w,
                      path + "." + field + "[" + k + "]",
                      "container "
                          + name
                          + " runs "
                          + m.group()
                          + ", but the ConfigMap mounted at "
                          + dir.getKey()
                          + " has no key '"
                          + m.group(1)
                          + "'",
                      "add the file to the ConfigMap (a .Files.Glob ConfigMap needs it in the"
                          + " chart's files/); "
                          + Suggestions.hint(m.group(1), dir.getValue()),
                      Check.POL_CONFIGMAP_FILE));
            }
          }
        }
      }
    }
  }

  /**
   * The file names a ConfigMap volume shows: its {@code items} paths, or every key of the
   * ConfigMap; null when the volume (null for a claim template) is not a ConfigMap of the chart.
   */
  private static Set<String> configMapFiles(JsonNode volume, List<KubeObject> objects) {
    JsonNode source = volume == null ? null : volume.path("configMap");
    if (source == null || source.isMissingNode()) {
      return null;
    }
    String cmName = source.path("name").asText();
    KubeObject cm =
        objects.stream()
            .filter(o -> o.kind().equals("ConfigMap") && o.name().equals(cmName))
            .findFirst()
            .orElse(null);
    if (cm == null) {
      return null;
    }
    Set<String> keys = new TreeSet<>();
    for (String field : List.of("data", "binaryData")) {
      Iterator<String> names = cm.node().path(field).fieldNames();
      names.forEachRemaining(keys::add);
    }
    JsonNode items = source.path("items");
    if (items.isEmpty()) {
      return keys;
    }
    Set<String> files = new TreeSet<>();
    for (JsonNode item : items) {
      if (keys.contains(item.path("key").asText())) {
        files.add(item.path("path").asText());
      }
    }
    return files;
  }

  private static String stripSlash(String dir) {
    return dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
  }
}
