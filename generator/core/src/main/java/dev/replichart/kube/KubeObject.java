package dev.replichart.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

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
    List<KubeObject> objects = new ArrayList<>();
    String source = "";
    StringBuilder document = new StringBuilder();
    for (String line : (manifests + "\n---\n").split("\n", -1)) {
      if (line.equals("---")) {
        add(objects, source, document.toString());
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

  private static void add(List<KubeObject> objects, String source, String text) throws IOException {
    if (text.isBlank()) {
      return;
    }
    JsonNode node = YAML.readTree(text);
    if (node instanceof ObjectNode object) {
      objects.add(new KubeObject(source, object));
    }
  }
}
