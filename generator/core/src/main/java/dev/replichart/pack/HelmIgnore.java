package dev.replichart.pack;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The rules of a chart's {@code .helmignore}, with Helm's own semantics ({@code pkg/ignore}): one
 * shell glob per line ({@code *}, {@code ?}, {@code [..]}; no {@code **}); {@code name/} matches
 * directories only; a pattern with a leading {@code /} or any {@code /} matches the whole
 * chart-relative path, one without matches the base name; {@code !} negates. Helm's default rule
 * {@code templates/.?*} (hidden files in templates/) always applies. A line Helm would reject
 * ({@code **}) is ignored here rather than guessed at.
 */
final class HelmIgnore {
  /** Helm's {@code ignore.AddDefaults}. */
  private static final String DEFAULT_RULE = "templates/.?*";

  private record Rule(boolean negate, boolean mustDir, Predicate<String> matches) {}

  private final List<Rule> rules;

  private HelmIgnore(List<Rule> rules) {
    this.rules = rules;
  }

  /** The rules of a {@code .helmignore} text (empty for none), plus Helm's default. */
  static HelmIgnore parse(String text) {
    List<Rule> rules = new ArrayList<>();
    for (String raw : text.split("\r?\n")) {
      String rule = raw.trim();
      if (rule.isEmpty() || rule.startsWith("#") || rule.contains("**")) {
        continue;
      }
      boolean negate = rule.startsWith("!");
      if (negate) {
        rule = rule.substring(1);
      }
      boolean mustDir = rule.endsWith("/");
      if (mustDir) {
        rule = rule.substring(0, rule.length() - 1);
      }
      Predicate<String> matches;
      if (rule.startsWith("/")) {
        matches = glob(rule.substring(1));
      } else if (rule.contains("/")) {
        matches = glob(rule);
      } else {
        Predicate<String> base = glob(rule);
        matches = path -> base.test(path.substring(path.lastIndexOf('/') + 1));
      }
      if (rule.isEmpty()) {
        continue;
      }
      rules.add(new Rule(negate, mustDir, matches));
    }
    rules.add(new Rule(false, false, glob(DEFAULT_RULE)));
    return new HelmIgnore(List.copyOf(rules));
  }

  /**
   * Whether Helm leaves this chart-relative path out. Mirrors {@code Rules.Ignore}, including its
   * reading of a negated rule ("ignore whatever does not match it").
   */
  boolean ignores(String path, boolean directory) {
    if (path.isEmpty() || path.equals(".")) {
      return false;
    }
    for (Rule rule : rules) {
      if (rule.negate()) {
        if (rule.mustDir() && !directory) {
          return true;
        }
        if (!rule.matches().test(path)) {
          return true;
        }
        continue;
      }
      if (rule.mustDir() && !directory) {
        continue;
      }
      if (rule.matches().test(path)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Go's {@code filepath.Match}: {@code *} and {@code ?} do not cross {@code /}, like Java's glob.
   */
  private static Predicate<String> glob(String pattern) {
    PathMatcher matcher;
    try {
      matcher = FileSystems.getDefault().getPathMatcher("glob:" + escapeBraces(pattern));
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      return path -> false;
    }
    return path -> !path.isEmpty() && matcher.matches(Path.of(path));
  }

  /** Braces are alternatives in Java's glob but literal in Go's. */
  private static String escapeBraces(String pattern) {
    return pattern.replace("{", "\\{").replace("}", "\\}");
  }
}
