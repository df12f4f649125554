package dev.replichart.spec;

import dev.replichart.problem.Problem;
import dev.replichart.problem.Suggestions;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed, located access to one YAML mapping of the spec. Every read names the key, so that {@link
 * #finish()} can report the keys nobody asked for as unknown, with a "did you mean" hint. A value
 * of the wrong type is reported and replaced by the default, so reading always goes on and every
 * problem of the file is found in one pass.
 */
final class Fields {
  /** Decimal integers only: no sign but '-', no leading zero, no '_', no base prefix. */
  private static final java.util.regex.Pattern DECIMAL =
      java.util.regex.Pattern.compile("-?(0|[1-9][0-9]*)");

  private final String path;
  private final Mark mark;
  private final Diagnostics diagnostics;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
  private final Set<String> known = new LinkedHashSet<>();
  private final boolean present;

  private Fields(String path, Mark mark, Diagnostics diagnostics, boolean present) {
    this.path = path;
    this.mark = mark;
    this.diagnostics = diagnostics;
    this.present = present;
  }

  /** Reads a node that must be a mapping; anything else is reported and read as empty. */
  static Fields of(Node node, String path, Diagnostics diagnostics) {
    if (node instanceof MappingNode mapping) {
      Fields fields = new Fields(path, node.getStartMark(), diagnostics, true);
      for (NodeTuple tuple : mapping.getValue()) {
        Node keyNode = tuple.getKeyNode();
        if (!(keyNode instanceof ScalarNode scalarKey)) {
          diagnostics.error(
              keyNode, path, "keys must be plain words", "write the key as text", "SPEC-TYPE");
          continue;
        }
        String key = scalarKey.getValue();
        if (fields.entries.containsKey(key)) {
          diagnostics.error(
              keyNode,
              join(path, key),
              "key '" + key + "' is given twice",
              "keep one of them",
              "SPEC-DUPLICATE-KEY");
          continue;
        }
        fields.entries.put(key, tuple);
      }
      return fields;
    }
    if (!isNull(node)) {
      diagnostics.error(
          node,
          path,
          "expected a mapping (key: value lines), got " + describe(node),
          "",
          "SPEC-TYPE");
    }
    return new Fields(path, node == null ? null : node.getStartMark(), diagnostics, false);
  }

  /** Whether the mapping was present in the file (an absent one reads as all defaults). */
  boolean present() {
    return present;
  }

  String path() {
    return path;
  }

  Mark mark() {
    return mark;
  }

  /** The path of a key under this mapping. */
  String pathOf(String key) {
    return join(path, key);
  }

  /** The node of a key, if given (and not null). Marks the key as known. */
  Optional<Node> node(String key) {
    known.add(key);
    NodeTuple tuple = entries.get(key);
    if (tuple == null || isNull(tuple.getValueNode())) {
      return Optional.empty();
    }
    return Optional.of(tuple.getValueNode());
  }

  /** The node to point at when reporting something about a key: its value, else this mapping. */
  Node anchor(String key) {
    NodeTuple tuple = entries.get(key);
    return tuple != null ? tuple.getValueNode() : null;
  }

  dev.replichart.problem.Location locate(String key) {
    Node node = anchor(key);
    return node != null ? diagnostics.locate(node) : diagnostics.locate(mark);
  }

  Fields object(String key) {
    Optional<Node> node = node(key);
    return node.map(n -> Fields.of(n, pathOf(key), diagnostics))
        .orElseGet(() -> new Fields(pathOf(key), mark, diagnostics, false));
  }

  String string(String key, String fallback) {
    Optional<Node> node = node(key);
    if (node.isEmpty()) {
      return fallback;
    }
    if (node.get() instanceof ScalarNode scalar && scalar.getTag().equals(Tag.STR)) {
      return scalar.getValue();
    }
    String hint =
        node.get() instanceof ScalarNode scalar
            ? "quote it to make it text: \"" + Problem.echo(scalar.getValue()) + "\""
            : "";
    diagnostics.error(
        node.get(),
        pathOf(key),
        "expected a string, got " + describe(node.get()),
        hint,
        "SPEC-TYPE");
    return fallback;
  }

  /**
   * A required string: reports its absence at this mapping, and an empty value ({@code name:},
   * {@code name: ~}, {@code name: null}) at the value, since either would silently fall back to a
   * default.
   */
  String requiredString(String key) {
    String value = string(key, null);
    if (value == null) {
      requireAt(key);
    }
    return value;
  }

  /** Reports a required key that is absent or null; does nothing when a wrong type was reported. */
  void requireAt(String key) {
    Node given = anchor(key);
    if (given == null) {
      diagnostics.error(
          diagnostics.locate(mark),
          pathOf(key),
          "is required",
          "add '" + key + ":'",
          "SPEC-REQUIRED");
    } else if (isNull(given)) {
      diagnostics.error(
          given,
          pathOf(key),
          "is required, got null",
          "give it a value; an empty value is null in YAML",
          "SPEC-REQUIRED");
    }
  }

  int integer(String key, int fallback, int min, int max) {
    Optional<Node> node = node(key);
    if (node.isEmpty()) {
      return fallback;
    }
    if (node.get() instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT)) {
      String text = scalar.getValue();
      if (!DECIMAL.matcher(text).matches()) {
        // YAML 1.1 also reads 0x10, 0o17, 017 (octal!), 1_000 and 1:30 as integers; a reader
        // that disagrees with the user about which number it is must not guess.
        diagnostics.error(
            scalar,
            pathOf(key),
            "expected a plain decimal integer between "
                + min
                + " and "
                + max
                + ", got '"
                + Problem.echo(text)
                + "'",
            "write it in decimal digits without a leading zero",
            "SPEC-TYPE");
        return fallback;
      }
      // BigInteger: a number of any length is compared, never wrapped or thrown on.
      java.math.BigInteger value = new java.math.BigInteger(text);
      if (value.compareTo(java.math.BigInteger.valueOf(min)) < 0
          || value.compareTo(java.math.BigInteger.valueOf(max)) > 0) {
        diagnostics.error(
            scalar,
            pathOf(key),
            "must be between " + min + " and " + max + ", got " + Problem.echo(text),
            "",
            "SPEC-RANGE");
        return fallback;
      }
      return value.intValueExact();
    }
    diagnostics.error(
        node.get(),
        pathOf(key),
        "expected an integer between " + min + " and " + max + ", got " + describe(node.get()),
        "",
        "SPEC-TYPE");
    return fallback;
  }

  /**
   * A boolean: only {@code true} or {@code false}. YAML 1.1 also reads yes/no/on/off/y/n as
   * booleans, and a reader that gets one of them wrong silently turns a feature off; so they are
   * rejected, never guessed.
   */
  boolean bool(String key, boolean fallback) {
    Optional<Node> node = node(key);
    if (node.isEmpty()) {
      return fallback;
    }
    if (node.get() instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
      switch (scalar.getValue()) {
        case "true", "True", "TRUE":
          return true;
        case "false", "False", "FALSE":
          return false;
        default:
          diagnostics.error(
              scalar,
              pathOf(key),
              "'" + scalar.getValue() + "' is not a boolean here; only true and false are",
              "write true or false",
              "SPEC-TYPE");
          return fallback;
      }
    }
    diagnostics.error(
        node.get(),
        pathOf(key),
        "expected true or false, got " + describe(node.get()),
        "",
        "SPEC-TYPE");
    return fallback;
  }

  /**
   * A mapping of names to scalar values, the values kept as text (numbers and booleans too, as a
   * server setting is text in the end). Sorted, so output made from it is stable.
   */
  SortedMap<String, ScalarNode> scalarMap(String key) {
    SortedMap<String, ScalarNode> result = new TreeMap<>();
    scalarEntries(key)
        .forEach((name, entry) -> result.put(name, (ScalarNode) entry.getValueNode()));
    return result;
  }

  /**
   * The same mapping with each entry's key node, so that a bad name is reported where it is
   * written; every value of the result is a (non-null) scalar.
   */
  SortedMap<String, NodeTuple> scalarEntries(String key) {
    SortedMap<String, NodeTuple> result = new TreeMap<>();
    Optional<Node> node = node(key);
    if (node.isEmpty()) {
      return result;
    }
    Fields inner = Fields.of(node.get(), pathOf(key), diagnostics);
    for (Map.Entry<String, NodeTuple> entry : inner.entries.entrySet()) {
      Node value = entry.getValue().getValueNode();
      if (value instanceof ScalarNode scalar && !isNull(scalar)) {
        result.put(entry.getKey(), entry.getValue());
      } else {
        diagnostics.error(
            value,
            inner.pathOf(entry.getKey()),
            "expected a single value (text, number or true/false), got " + describe(value),
            "",
            "SPEC-TYPE");
      }
    }
    return result;
  }

  /** Reports every key that no read asked for. Call once all keys of the mapping were read. */
  void finish() {
    for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
      if (!known.contains(entry.getKey())) {
        diagnostics.error(
            entry.getValue().getKeyNode(),
            pathOf(entry.getKey()),
            "unknown key '" + entry.getKey() + "'",
            Suggestions.hint(entry.getKey(), known),
            "SPEC-UNKNOWN-KEY");
      }
    }
  }

  static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  static boolean isNull(Node node) {
    return node == null || node.getTag().equals(Tag.NULL);
  }

  static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof ScalarNode scalar) {
      Tag tag = scalar.getTag();
      String kind =
          tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)
              ? "the number"
              : tag.equals(Tag.BOOL) ? "the boolean" : tag.equals(Tag.NULL) ? "null" : "the text";
      return tag.equals(Tag.NULL) ? kind : kind + " '" + Problem.echo(scalar.getValue()) + "'";
    }
    return "a list";
  }
}
