package dev.replichart.spec;

import dev.replichart.problem.Problem;
import java.util.regex.Pattern;

/**
 * Rules for the free-text strings of a spec, which the chart carries as data into YAML, {@code
 * .cnf} lines, shell and Helm templates. A string either passes these rules, and every target
 * quotes it, or the spec is rejected with the reason; none is ever evaluated.
 */
final class SpecText {
  /** A node directory: absolute, plain segments, nothing a YAML or Helm parser would read. */
  private static final Pattern PATH = Pattern.compile("^(/[A-Za-z0-9._-]+)+/?$|^/$");

  /** Characters that end or split a line somewhere: control characters and U+2028/U+2029. */
  private static final Pattern LINE_BREAKING = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029]");

  static final int MAX_DESCRIPTION = 500;
  static final int MAX_PATH = 1024;

  private SpecText() {}

  /** Why a hostPath is unusable, or null when it is a plain absolute path. */
  static String pathProblem(String path) {
    if (path.length() > MAX_PATH) {
      return "a path of at most " + MAX_PATH + " characters";
    }
    if (!PATH.matcher(path).matches() || path.contains("/../") || path.endsWith("/..")) {
      return "an absolute path of letters, digits, '.', '_', '-' and '/' without '..', got "
          + quoted(path);
    }
    return null;
  }

  /** Why a one-line text is unusable, or null. */
  static String lineProblem(String text, int max) {
    if (text.length() > max) {
      return "at most " + max + " characters, got " + text.length();
    }
    if (LINE_BREAKING.matcher(text).find()) {
      return "one line of text without control characters, got " + quoted(text);
    }
    return null;
  }

  /**
   * Why a server setting's value is unusable, or null: it must stay one {@code .cnf} line, and '#'
   * would silently cut it short (the rest becomes a comment).
   */
  static String settingProblem(String value) {
    String line = lineProblem(value, SpecParser.MAX_SETTING_LENGTH);
    if (line != null) {
      return line;
    }
    if (value.contains("#")) {
      return "a value without '#' (the server reads the rest of the line as a comment), got "
          + quoted(value);
    }
    return null;
  }

  /**
   * A value as a message shows it: quoted and cut by {@link Problem#echo}; {@link Problem#format}
   * escapes its line breaks and control characters when the problem is printed.
   */
  static String quoted(String text) {
    return "'" + Problem.echo(text) + "'";
  }
}
