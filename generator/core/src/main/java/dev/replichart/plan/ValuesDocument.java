package dev.replichart.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the values tree as the body of {@code values.yaml} (Bitnami-style {@code ## @param} lines)
 * and as {@code values.schema.json}. Both are made from the same {@link ValueNode}s.
 */
public final class ValuesDocument {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private ValuesDocument() {}

  /**
   * One value for the README table.
   *
   * @param path dotted path
   * @param description what it does
   * @param defaultText the default as YAML text
   */
  public record Param(String path, String description, String defaultText) {}

  /** Every leaf value in printing order. */
  public static List<Param> params(List<ValueNode> sections) {
    List<Param> params = new java.util.ArrayList<>();
    for (ValueNode section : sections) {
      collect(section, section.key(), params);
    }
    return List.copyOf(params);
  }

  private static void collect(ValueNode node, String path, List<Param> params) {
    if (node.isObject()) {
      for (ValueNode child : node.children()) {
        collect(child, path + "." + child.key(), params);
      }
    } else {
      String text =
          node.defaultValue() instanceof Map<?, ?> map && !map.isEmpty()
              ? "see values.yaml"
              : scalar(node.defaultValue());
      params.add(new Param(path, node.description(), text));
    }
  }

  /** The YAML lines, without the file header. */
  public static String yaml(List<ValueNode> sections) {
    StringBuilder out = new StringBuilder();
    for (ValueNode section : sections) {
      out.append("## @section ").append(section.description()).append('\n');
      writeParams(out, section, section.key());
      out.append("##\n");
      writeEntry(out, section, 0);
      out.append('\n');
    }
    return out.toString().stripTrailing() + "\n";
  }

  private static void writeParams(StringBuilder out, ValueNode node, String path) {
    if (node.isObject()) {
      for (ValueNode child : node.children()) {
        writeParams(out, child, path + "." + child.key());
      }
    } else {
      out.append("## @param ").append(path).append(' ').append(node.description()).append('\n');
    }
  }

  private static void writeEntry(StringBuilder out, ValueNode node, int indent) {
    String pad = " ".repeat(indent);
    if (node.isObject()) {
      out.append(pad).append(node.key()).append(":\n");
      for (ValueNode child : node.children()) {
        writeEntry(out, child, indent + 2);
      }
      return;
    }
    Object value = node.defaultValue();
    if (value instanceof Map<?, ?> map && !map.isEmpty()) {
      out.append(pad).append(node.key()).append(":\n");
      for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
        out.append(pad)
            .append("  ")
            .append(e.getKey())
            .append(": ")
            .append(scalar(e.getValue()))
            .append('\n');
      }
      return;
    }
    out.append(pad).append(node.key()).append(": ").append(scalar(value)).append('\n');
  }

  /** YAML text of a default: strings double-quoted (JSON escaping is valid YAML). */
  static String scalar(Object value) {
    if (value instanceof Map<?, ?> map && map.isEmpty()) {
      return "{}";
    }
    if (value instanceof List<?> list && list.isEmpty()) {
      return "[]";
    }
    if (value instanceof String s) {
      try {
        return JSON.writeValueAsString(s);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return String.valueOf(value);
  }

  /** The JSON schema (draft-07), keys sorted, two-space indent, LF line ends. */
  public static String schema(List<ValueNode> sections, String comment) {
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", "http://json-schema.org/draft-07/schema#");
    root.put("$comment", comment);
    root.put("title", "Values of the generated chart");
    root.put("type", "object");
    root.put("additionalProperties", false);
    ObjectNode properties = root.putObject("properties");
    for (ValueNode section : sections) {
      properties.set(section.key(), schemaOf(section));
    }
    try {
      Object sorted = JSON.treeToValue(root, Object.class);
      return JSON.writeValueAsString(sorted).replace("\r\n", "\n") + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode schemaOf(ValueNode node) {
    ObjectNode schema = JSON.createObjectNode();
    schema.put("description", node.description());
    schema.put("type", node.type());
    if (node.isObject()) {
      schema.put("additionalProperties", false);
      ObjectNode properties = schema.putObject("properties");
      for (ValueNode child : node.children()) {
        properties.set(child.key(), schemaOf(child));
      }
    } else {
      schema.set("default", JSON.valueToTree(node.defaultValue()));
    }
    for (Map.Entry<String, Object> c : new TreeMap<>(node.constraints()).entrySet()) {
      schema.set(c.getKey(), JSON.valueToTree(c.getValue()));
    }
    if ("array".equals(node.type()) && !schema.has("items")) {
      schema.putObject("items");
    }
    return schema;
  }
}
