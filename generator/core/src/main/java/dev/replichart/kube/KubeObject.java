package dev.replichart.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

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
    return parseAll(manifests, new Documents());
  }

  /**
   * {@link #parseAll(String)}, parsing each distinct document text once across the calls that share
   * {@code documents}: several renders of one chart repeat most documents word for word (the
   * scripts' ConfigMap, the largest, is the same for every values file). The objects then share
   * their trees, so callers must treat them as read-only, as the validation layers do.
   */
  public static List<KubeObject> parseAll(String manifests, Documents documents)
      throws IOException {
    List<KubeObject> objects = new ArrayList<>();
    // every document ends at a line that is "---", the last at one added here
    String text = manifests + "\n---\n";
    String source = "";
    int document = 0;
    for (int line = 0; line < text.length(); ) {
      int end = text.indexOf('\n', line);
      if (end - line == 3 && text.startsWith("---", line)) {
        add(objects, source, text.substring(document, line), documents);
        source = "";
        document = end + 1;
      } else if (text.startsWith(SOURCE, line)) {
        String path = text.substring(line + SOURCE.length(), end).trim();
        int slash = path.indexOf('/');
        source = slash >= 0 ? path.substring(slash + 1) : path;
      }
      line = end + 1;
    }
    return objects;
  }

  private static final String SOURCE = "# Source: ";

  private static void add(List<KubeObject> objects, String source, String text, Documents documents)
      throws IOException {
    if (text.isBlank()) {
      return;
    }
    if (documents.tree(text) instanceof ObjectNode object) {
      objects.add(new KubeObject(source, object));
    }
  }

  /**
   * Document text to its tree, each text parsed once however many renders ask for it, at once or
   * one after the other: a render that asks for a text another is parsing waits for that parse.
   * Thread-safe.
   */
  public static final class Documents {
    private final Map<String, CompletableFuture<JsonNode>> trees = new ConcurrentHashMap<>();

    JsonNode tree(String text) throws IOException {
      CompletableFuture<JsonNode> mine = new CompletableFuture<>();
      CompletableFuture<JsonNode> first = trees.putIfAbsent(text, mine);
      if (first == null) {
        try {
          mine.complete(YAML.readTree(text));
        } catch (IOException | RuntimeException e) {
          mine.completeExceptionally(e);
        }
        first = mine;
      }
      try {
        return first.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof IOException io) {
          throw io;
        }
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }
  }
}
