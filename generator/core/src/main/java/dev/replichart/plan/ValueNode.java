package dev.replichart.plan;

import java.util.List;
import java.util.Map;

/**
 * One entry of the chart's values: either an object with children or a leaf with a default. The
 * same tree produces the documented {@code values.yaml} and {@code values.schema.json}, so the two
 * can never disagree.
 *
 * @param key the key under its parent
 * @param description what it is for; printed as {@code ## @param} and as the schema description
 * @param type JSON schema type: object, string, integer, boolean, array
 * @param defaultValue the default (String, Integer, Boolean, List or Map); null for objects
 * @param constraints extra JSON schema keywords (enum, minimum, pattern …), sorted by the writer
 * @param children the entries of an object, in printing order
 * @param open whether an object accepts keys beyond its children (e.g. {@code nodeSelector})
 */
public record ValueNode(
    String key,
    String description,
    String type,
    Object defaultValue,
    Map<String, Object> constraints,
    List<ValueNode> children,
    boolean open) {

  public static ValueNode leaf(
      String key, String description, String type, Object defaultValue, Map<String, Object> c) {
    return new ValueNode(key, description, type, defaultValue, c, List.of(), false);
  }

  public static ValueNode leaf(String key, String description, String type, Object defaultValue) {
    return leaf(key, description, type, defaultValue, Map.of());
  }

  public static ValueNode object(String key, String description, List<ValueNode> children) {
    return new ValueNode(key, description, "object", null, Map.of(), children, false);
  }

  /** A free-form map whose default is given, with constraints on its values. */
  public static ValueNode map(
      String key, String description, Map<String, ?> defaultValue, Map<String, Object> c) {
    return new ValueNode(key, description, "object", defaultValue, c, List.of(), true);
  }

  public boolean isObject() {
    return "object".equals(type) && defaultValue == null;
  }
}
