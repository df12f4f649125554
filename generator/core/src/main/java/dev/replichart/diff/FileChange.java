package dev.replichart.diff;

import java.util.List;

/**
 * A chart file outside {@code templates/} that differs (Chart.yaml, values.yaml, the values schema,
 * bundled files).
 *
 * @param fields for Chart.yaml and values.yaml, the keys that differ; empty otherwise
 * @param summary what changed, in a few words ({@code added}, {@code removed}, {@code 12 → 14
 *     lines}…)
 */
public record FileChange(String path, String summary, List<FieldChange> fields) {
  public FileChange {
    fields = List.copyOf(fields);
  }
}
