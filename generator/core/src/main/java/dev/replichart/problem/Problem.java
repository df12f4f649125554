package dev.replichart.problem;

import java.util.Comparator;
import java.util.Objects;

/**
 * One thing wrong with the user's input or with what it renders to.
 *
 * @param location where it is
 * @param object the Kubernetes object it is about ({@code StatefulSet/db}), or empty
 * @param path the field path inside the document, e.g. {@code spec.storage.size}; may be empty
 * @param message what is wrong and what is expected
 * @param hint how to fix it, or empty
 * @param checkId a stable identifier for the check that found it (e.g. {@code SPEC-UNKNOWN-KEY})
 */
public record Problem(
    Location location, String object, String path, String message, String hint, String checkId) {

  /** Sorts problems by file, line, column, then message: the order a reader expects. */
  public static final Comparator<Problem> READING_ORDER =
      Comparator.comparing((Problem p) -> p.location().file())
          .thenComparingInt(p -> p.location().line())
          .thenComparingInt(p -> p.location().column())
          .thenComparing(Problem::object)
          .thenComparing(Problem::path)
          .thenComparing(Problem::message);

  public Problem {
    Objects.requireNonNull(location, "location");
    object = object == null ? "" : object;
    path = path == null ? "" : path;
    Objects.requireNonNull(message, "message");
    hint = hint == null ? "" : hint;
    Objects.requireNonNull(checkId, "checkId");
  }

  /** A problem that is not about a rendered Kubernetes object. */
  public Problem(Location location, String path, String message, String hint, String checkId) {
    this(location, "", path, message, hint, checkId);
  }

  /** Longest echo of a user's value in a message, in characters. */
  static final int ECHO_LIMIT = 80;

  /**
   * A user's value as a message quotes it: cut to {@value #ECHO_LIMIT} characters, so a megabyte of
   * text is not printed back. Line breaks are escaped by {@link #format()}.
   */
  public static String echo(String value) {
    if (value.length() <= ECHO_LIMIT) {
      return value;
    }
    int end = ECHO_LIMIT;
    if (Character.isHighSurrogate(value.charAt(end - 1))) {
      end--;
    }
    int more = value.length() - end;
    return value.substring(0, end)
        + "… ("
        + more
        + (more == 1 ? " more character)" : " more characters)");
  }

  /**
   * {@code file:line:col: object: path: message (hint)} — the form compilers use, so editors link
   * it. Always one line: line breaks and other control characters in echoed values (and file names)
   * are escaped, so that one problem is one line to a reader, to grep and to an editor.
   */
  public String format() {
    StringBuilder out = new StringBuilder(location.toString()).append(": ");
    if (!object.isEmpty()) {
      out.append(object).append(": ");
    }
    if (!path.isEmpty()) {
      out.append(path).append(": ");
    }
    out.append(message);
    if (!hint.isEmpty()) {
      out.append(" (").append(hint).append(')');
    }
    return oneLine(out.toString());
  }

  /** Escapes what would break a line: CR, LF, NEL, U+2028/2029 and other C0 controls. */
  static String oneLine(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
