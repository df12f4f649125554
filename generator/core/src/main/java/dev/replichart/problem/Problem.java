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

  /**
   * {@code file:line:col: object: path: message (hint)} — the form compilers use, so editors link
   * it.
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
    return out.toString();
  }
}
