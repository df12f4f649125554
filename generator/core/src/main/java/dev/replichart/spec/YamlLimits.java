package dev.replichart.spec;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;

/**
 * A pass over a YAML file's parser events, before anything is built from it: counts aliases and
 * nesting, so that a "billion laughs" file or a deeply nested one is refused at once and at the
 * line that goes too far (snakeyaml's and Jackson's own limits throw without a position). Syntax
 * errors are thrown as snakeyaml's {@code MarkedYAMLException}, with their position.
 */
public final class YamlLimits {
  /** Something in the file beyond a limit; line and column are 1-based. */
  public record Finding(int line, int column, String message, String hint) {
    static Finding at(Mark mark, String message, String hint) {
      return new Finding(mark.getLine() + 1, mark.getColumn() + 1, message, hint);
    }
  }

  private YamlLimits() {}

  /** The first alias or nesting level beyond the limits. */
  public static List<Finding> check(
      String text, LoaderOptions options, int maxAliases, int maxDepth) {
    List<Finding> findings = new ArrayList<>();
    int aliases = 0;
    int depth = 0;
    Yaml yaml = new Yaml(options);
    for (Event event : yaml.parse(new StringReader(text))) {
      if (event instanceof AliasEvent) {
        aliases++;
        if (aliases > maxAliases) {
          findings.add(
              Finding.at(
                  event.getStartMark(),
                  "more than " + maxAliases + " aliases (*name)",
                  "write the values out instead of repeating them by alias"));
          return findings;
        }
      } else if (event instanceof CollectionStartEvent) {
        depth++;
        if (depth > maxDepth) {
          findings.add(
              Finding.at(
                  event.getStartMark(),
                  "nested deeper than " + maxDepth + " levels",
                  "no setting is that deep; is this the right file?"));
          return findings;
        }
      } else if (event instanceof CollectionEndEvent) {
        depth--;
      }
    }
    return findings;
  }
}
