package dev.replichart.validate;

import dev.replichart.kube.KubeObject;
import dev.replichart.problem.Location;
import dev.replichart.problem.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Points a problem about a rendered object at the template it came from. Helm's output is not the
 * template, so the line is found by walking the template's keys in path order (list indices
 * included) and stopping at the deepest one found: exact for fields written in the template, the
 * nearest written ancestor for fields that come from a helper or are missing. The object and field
 * path in the problem are always exact.
 */
public final class Locator {
  private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)((?:\\[\\d+\\])*)");
  private static final Pattern INDEX = Pattern.compile("\\[(\\d+)\\]");

  private final Path chartDir;
  private final Map<String, List<String>> templates = new HashMap<>();

  public Locator(Path chartDir) {
    this.chartDir = chartDir;
  }

  public Problem problem(KubeObject object, String path, String message, String hint, Check check) {
    return new Problem(locate(object, path), object.label(), path, message, hint, check.id());
  }

  public Location locate(KubeObject object, String path) {
    String file = chartDir.resolve(object.source()).toString();
    List<String> lines = lines(object.source());
    if (lines.isEmpty()) {
      return Location.ofFile(file);
    }
    int found = -1;
    int from = 0;
    int indent = -1;
    Matcher segments = SEGMENT.matcher(path);
    while (segments.find()) {
      String key = segments.group(1);
      int line = findKey(lines, key, from, indent);
      if (line < 0) {
        break;
      }
      found = line;
      indent = indentOf(lines.get(line));
      from = line + 1;
      Matcher index = INDEX.matcher(segments.group(2));
      boolean lost = false;
      while (index.find()) {
        int item = findItem(lines, from, indent, Integer.parseInt(index.group(1)));
        if (item < 0) {
          lost = true;
          break;
        }
        found = item;
        from = item;
        indent = indentOf(lines.get(item));
      }
      if (lost) {
        break;
      }
    }
    if (found < 0) {
      return Location.ofFile(file);
    }
    return new Location(file, found + 1, indentOf(lines.get(found)) + 1);
  }

  /**
   * The next line at or after {@code from}, deeper than {@code indent}, that writes {@code key:}.
   */
  private static int findKey(List<String> lines, String key, int from, int indent) {
    Pattern keyLine = Pattern.compile("^\\s*(?:-\\s+)?" + Pattern.quote(key) + ":(\\s|$)");
    for (int i = from; i < lines.size(); i++) {
      String line = lines.get(i);
      if (indent >= 0 && !line.isBlank() && indentOf(line) <= indent && i > from) {
        if (!line.trim().startsWith("{{") && !line.trim().startsWith("#")) {
          return -1;
        }
      }
      if (keyLine.matcher(line).find()) {
        return i;
      }
    }
    return -1;
  }

  /** The n-th list item ({@code - }) below a key at the given indentation. */
  private static int findItem(List<String> lines, int from, int indent, int n) {
    int itemIndent = -1;
    int count = -1;
    for (int i = from; i < lines.size(); i++) {
      String line = lines.get(i);
      String trimmed = line.trim();
      if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("{{")) {
        continue;
      }
      int current = indentOf(line);
      if (current <= indent && !trimmed.startsWith("- ")) {
        return -1;
      }
      if (trimmed.startsWith("- ") && (itemIndent < 0 || current == itemIndent)) {
        itemIndent = current;
        count++;
        if (count == n) {
          return i;
        }
      } else if (itemIndent >= 0 && current < itemIndent) {
        return -1;
      }
    }
    return -1;
  }

  private static int indentOf(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  private List<String> lines(String source) {
    return templates.computeIfAbsent(
        source,
        s -> {
          try {
            return Files.readAllLines(chartDir.resolve(s), StandardCharsets.UTF_8);
          } catch (IOException | RuntimeException e) {
            return List.of();
          }
        });
  }
}
