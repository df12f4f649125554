package dev.replichart.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One object Helm rendered, with the chart file it came from.
 *
 * @param source the chart-relative template path from Helm's {@code # Source:} comment
 * @param node the object as a JSON tree
 */
public record KubeObject(String source, ObjectNode node) {
  private static final YAMLMapper YAML = new YAMLMapper();

  public String apiVersion() {
    return node.path("apiVersion").asText("");
  }

  public String kind() {
    return node.path("kind").asText("");
  }

  public String name() {
    return node.path("metadata").path("name").asText("");
  }

  /** {@code apiVersion/kind}, the key models and schemas are looked up by. */
  public String typeKey() {
    return apiVersion() + "/" + kind();
  }

  /** {@code Kind/name}, how problems name the object. */
  public String label() {
    return kind() + "/" + name();
  }

  public JsonNode labels() {
    return node.path("metadata").path("labels");
  }

  public JsonNode annotations() {
    return node.path("metadata").path("annotations");
  }

  /** Splits {@code helm template} output into objects, dropping empty documents. */
  public static List<KubeObject> parseAll(String manifests) throws IOException {
    return parseAll(manifests, new HashMap<>());
  }

  /**
   * {@link #parseAll(String)}, parsing each distinct document text once across the calls that share
   * {@code parsed}: several renders of one chart repeat most documents word for word (the scripts'
   * ConfigMap, the largest, is the same for every values file). The objects then share their trees,
   * so callers must treat them as read-only, as the validation layers do.
   *
   * @param parsed document text to tree; thread-safe when the calls run at once
   */
  public static List<KubeObject> parseAll(String manifests, Map<String, ObjectNode> parsed)
      throws IOException {
    List<KubeObject> objects = new ArrayList<>();
    String source = "";
    StringBuilder document = new StringBuilder();
    for (String line : (manifests + "\n---\n").split("\n", -1)) {
      if (line.equals("---")) {
        add(objects, source, document.toString(), parsed);
        document.setLength(0);
        source = "";
        continue;
      }
      if (line.startsWith("# Source: ")) {
        String path = line.substring("# Source: ".length()).trim();
        int slash = path.indexOf('/');
        source = slash >= 0 ? path.substring(slash + 1) : path;
      }
      document.append(line).append('\n');
    }
    return objects;
  }

  private static void add(
      List<KubeObject> objects, String source, String text, Map<String, ObjectNode> parsed)
      throws IOException {
    if (text.isBlank()) {
      return;
    }
    ObjectNode object = parsed.get(text);
    if (object == null) {
      JsonNode node = YAML.readTree(text);
      if (!(node instanceof ObjectNode tree)) {
        return;
      }
      ObjectNode first = parsed.putIfAbsent(text, tree);
      object = first == null ? tree : first;
    }
    objects.add(new KubeObject(source, object));
  }
}
