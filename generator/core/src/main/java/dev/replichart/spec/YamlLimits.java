package dev.replichart.spec;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * A pass over a YAML file's parser events, before anything is built from it: counts aliases and
 * nesting, so that a "billion laughs" file or a deeply nested one is refused at once and at the
 * line that goes too far (snakeyaml's and Jackson's own limits throw without a position), and finds
 * the plain scalars that YAML 1.1 reads as booleans but YAML 1.2 reads as text. Syntax errors are
 * thrown as snakeyaml's {@code MarkedYAMLException}, with their position.
 */
public final class YamlLimits {
  /** yes/no/on/off/y/n in the spellings YAML 1.1 (snakeyaml, Helm's Go YAML) reads as booleans. */
  private static final Pattern YAML11_BOOLEAN =
      Pattern.compile("y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF");

  /** Something in the file beyond a limit or ambiguous; line and column are 1-based. */
  public record Finding(int line, int column, String message, String hint) {
    static Finding at(Mark mark, String message, String hint) {
      return new Finding(mark.getLine() + 1, mark.getColumn() + 1, message, hint);
    }
  }

  private YamlLimits() {}

  /**
   * The first alias or nesting level beyond the limits, then (when asked) every plain YAML 1.1
   * boolean other than true/false.
   */
  public static List<Finding> check(
      String text, LoaderOptions options, int maxAliases, int maxDepth, boolean yaml11Booleans) {
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
      } else if (yaml11Booleans
          && event instanceof ScalarEvent scalar
          && scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN
          && YAML11_BOOLEAN.matcher(scalar.getValue()).matches()) {
        findings.add(
            Finding.at(
                event.getStartMark(),
                "'"
                    + scalar.getValue()
                    + "' is a boolean to Helm (YAML 1.1) but text to YAML 1.2 tools; only true and"
                    + " false are booleans here",
                "write true or false, or quote it to make it text"));
      }
    }
    return findings;
  }
}
