package dev.replichart.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replichart.problem.Problem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The field-level difference of two JSON trees: keys in sorted order, lists of items that each
 * carry a distinct {@code name} matched by name (so a container added in front does not make every
 * later one "changed"), other lists by index.
 */
final class FieldDiff {
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  /**
   * One difference.
   *
   * @param path the display path, items named by {@code name} where they have one
   * @param locatorPath the same field with list indices of the new tree (or its deepest ancestor
   *     that exists there), the form {@code validate.Locator} finds in a template
   * @param before the old value, or null when absent
   * @param after the new value, or null when absent
   */
  record Change(String path, String locatorPath, JsonNode before, JsonNode after) {
    FieldChange toFieldChange() {
      if (isMultiLine(before) || isMultiLine(after)) {
        return new FieldChange(path, lines(before), lines(after) + firstDifference());
      }
      return new FieldChange(path, show(before), show(after));
    }

    private String firstDifference() {
      if (before == null || after == null || !before.isTextual() || !after.isTextual()) {
        return "";
      }
      String[] a = before.asText().split("\n", -1);
      String[] b = after.asText().split("\n", -1);
      int i = 0;
      while (i < a.length && i < b.length && a[i].equals(b[i])) {
        i++;
      }
      return ", first difference at line " + (i + 1);
    }
  }

  private FieldDiff() {}

  static List<Change> diff(JsonNode before, JsonNode after) {
    List<Change> changes = new ArrayList<>();
    diff("", "", before, after, changes);
    return changes;
  }

  private static void diff(
      String path, String locator, JsonNode before, JsonNode after, List<Change> out) {
    if (before != null && after != null && before.equals(after)) {
      return;
    }
    if (before != null && after != null && before.isObject() && after.isObject()) {
      Set<String> keys = new TreeSet<>();
      before.fieldNames().forEachRemaining(keys::add);
      after.fieldNames().forEachRemaining(keys::add);
      for (String key : keys) {
        String child = path + key(key, path.isEmpty());
        String childLocator = after.has(key) ? locator + key(key, locator.isEmpty()) : locator;
        diff(child, childLocator, before.get(key), after.get(key), out);
      }
      return;
    }
    if (before != null && after != null && before.isArray() && after.isArray()) {
      Map<String, Integer> namedBefore = named(before);
      Map<String, Integer> namedAfter = named(after);
      if (namedBefore != null && namedAfter != null) {
        Set<String> names = new TreeSet<>(namedBefore.keySet());
        names.addAll(namedAfter.keySet());
        for (String name : names) {
          Integer i = namedBefore.get(name);
          Integer j = namedAfter.get(name);
          diff(
              path + "[name=" + name + "]",
              j == null ? locator : locator + "[" + j + "]",
              i == null ? null : before.get(i),
              j == null ? null : after.get(j),
              out);
        }
        return;
      }
      for (int i = 0; i < Math.max(before.size(), after.size()); i++) {
        diff(
            path + "[" + i + "]",
            i < after.size() ? locator + "[" + i + "]" : locator,
            before.get(i),
            after.get(i),
            out);
      }
      return;
    }
    out.add(new Change(path, locator, before, after));
  }

  /**
   * Item name → index when every item is an object with a distinct, non-empty {@code name} (or
   * {@code metadata.name}, as volumeClaimTemplates have).
   */
  private static Map<String, Integer> named(JsonNode array) {
    Map<String, Integer> names = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      JsonNode name = item.has("name") ? item.path("name") : item.path("metadata").path("name");
      if (!name.isTextual() || name.asText().isEmpty() || !seen.add(name.asText())) {
        return null;
      }
      names.put(name.asText(), i);
    }
    return names;
  }

  private static String key(String key, boolean first) {
    if (PLAIN_KEY.matcher(key).matches()) {
      return first ? key : "." + key;
    }
    String quoted =
        key.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r");
    return "[\"" + quoted + "\"]";
  }

  private static boolean isMultiLine(JsonNode node) {
    return node != null && node.isTextual() && node.asText().contains("\n");
  }

  private static String lines(JsonNode node) {
    if (node == null) {
      return "(none)";
    }
    if (!node.isTextual()) {
      return show(node);
    }
    long count = node.asText().lines().count();
    return "text of " + count + (count == 1 ? " line" : " lines");
  }

  /** A value as the report prints it: text as is, anything else as compact JSON; cut short. */
  static String show(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "(none)";
    }
    String text = node.isValueNode() && !node.isNull() ? node.asText() : node.toString();
    if (node.isTextual() && text.isEmpty()) {
      text = "\"\"";
    }
    return Problem.echo(text);
  }
}
