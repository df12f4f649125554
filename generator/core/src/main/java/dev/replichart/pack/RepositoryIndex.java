package dev.replichart.pack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.replichart.problem.Location;
import dev.replichart.problem.Problem;
import dev.replichart.problem.ProblemsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A Helm chart repository's {@code index.yaml} ({@code apiVersion: v1}; {@code entries}: chart name
 * → its versions, newest first; {@code generated}). Entries of other charts and versions are kept
 * as they are; the file is written with sorted keys and quoted strings, so the same entries give
 * the same bytes. {@code generated} is the newest {@code created} of its entries, not the clock.
 */
final class RepositoryIndex {
  private static final YAMLMapper YAML =
      YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build();

  private final String file;
  private final SortedMap<String, List<ObjectNode>> entries;

  private RepositoryIndex(String file, SortedMap<String, List<ObjectNode>> entries) {
    this.file = file;
    this.entries = entries;
  }

  /** The index in {@code path}, or an empty one when the file does not exist. */
  static RepositoryIndex read(Path path) throws ProblemsException, IOException {
    String file = path.toString();
    SortedMap<String, List<ObjectNode>> entries = new TreeMap<>();
    if (!Files.exists(path)) {
      return new RepositoryIndex(file, entries);
    }
    JsonNode tree;
    try {
      tree = YAML.readTree(Files.readString(path, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      var where = e.getLocation();
      throw problem(
          where == null
              ? Location.ofFile(file)
              : new Location(file, where.getLineNr(), where.getColumnNr()),
          "",
          "not YAML: " + e.getOriginalMessage());
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      return new RepositoryIndex(file, entries);
    }
    if (!tree.path("apiVersion").asText("").equals("v1")) {
      throw problem(Location.ofFile(file), "apiVersion", "not a Helm repository index (v1)");
    }
    JsonNode all = tree.path("entries");
    if (!all.isMissingNode() && !all.isNull() && !all.isObject()) {
      throw problem(Location.ofFile(file), "entries", "expected a mapping of chart names");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> chart = it.next();
      List<ObjectNode> versions = new ArrayList<>();
      if (!chart.getValue().isArray()) {
        throw problem(
            Location.ofFile(file), "entries." + chart.getKey(), "expected a list of versions");
      }
      for (JsonNode version : chart.getValue()) {
        if (!(version instanceof ObjectNode object)) {
          throw problem(
              Location.ofFile(file), "entries." + chart.getKey(), "expected a list of mappings");
        }
        versions.add(object);
      }
      entries.put(chart.getKey(), versions);
    }
    return new RepositoryIndex(file, entries);
  }

  /** The entry of this chart name and version, if the index has one. */
  Optional<ObjectNode> find(String name, String version) {
    return entries.getOrDefault(name, List.of()).stream()
        .filter(e -> e.path("version").asText("").equals(version))
        .findFirst();
  }

  /**
   * Puts the entry for a packaged chart in, replacing one of the same name and version: the
   * Chart.yaml fields, then {@code created}, {@code digest} and {@code urls}.
   */
  void put(ChartMetadata chart, String digest, Instant created) {
    ObjectNode entry = chart.fields().deepCopy();
    entry.put("created", created.toString());
    entry.put("digest", digest);
    ArrayNode urls = entry.putArray("urls");
    urls.add(chart.archiveName());
    List<ObjectNode> versions = new ArrayList<>(entries.getOrDefault(chart.name(), List.of()));
    versions.removeIf(e -> e.path("version").asText("").equals(chart.version()));
    versions.add(entry);
    versions.sort(
        (a, b) ->
            ChartMetadata.newestFirst(a.path("version").asText(""), b.path("version").asText("")));
    entries.put(chart.name(), versions);
  }

  /** The file's bytes: keys sorted at every level, versions newest first. */
  byte[] toBytes() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("apiVersion", "v1");
    ObjectNode all = root.putObject("entries");
    Instant generated = ChartArchive.EPOCH;
    for (Map.Entry<String, List<ObjectNode>> chart : entries.entrySet()) {
      ArrayNode versions = all.putArray(chart.getKey());
      for (ObjectNode entry : chart.getValue()) {
        versions.add(sorted(entry));
        Instant created = instant(entry.path("created").asText(""));
        if (created != null && created.isAfter(generated)) {
          generated = created;
        }
      }
    }
    root.put("generated", generated.toString());
    try {
      return YAML.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of maps and strings always serialises", e);
    }
  }

  private static Instant instant(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static JsonNode sorted(JsonNode node) {
    if (node instanceof ObjectNode object) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      new TreeMap<>(toMap(object)).forEach((k, v) -> copy.set(k, sorted(v)));
      return copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      array.forEach(item -> copy.add(sorted(item)));
      return copy;
    }
    return node;
  }

  private static Map<String, JsonNode> toMap(ObjectNode object) {
    Map<String, JsonNode> map = new TreeMap<>();
    object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue()));
    return map;
  }

  String file() {
    return file;
  }

  private static ProblemsException problem(Location where, String path, String message) {
    return new ProblemsException(
        List.of(new Problem(where, path, message, "", "REPOSITORY-INDEX")));
  }
}
