package dev.replichart.diff;

/**
 * One changed field.
 *
 * @param path where, e.g. {@code spec.template.spec.containers[name=mysqld].image}; list items that
 *     carry a {@code name} are named by it, others by index; keys that are not plain words are
 *     quoted ({@code data["my.cnf"]})
 * @param oldValue the value before, as the report prints it; {@code (none)} when absent
 * @param newValue the value after, likewise
 */
public record FieldChange(String path, String oldValue, String newValue) {
  /** {@code path: old → new}. */
  public String format() {
    return path + ": " + oldValue + " → " + newValue;
  }
}
