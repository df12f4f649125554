package dev.replichart.diff;

import dev.replichart.problem.Problem;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@link ChartDiff#compare} found: the chart files and rendered objects that differ, and the
 * changes {@code helm upgrade} from the old chart to the new one would have rejected. Every list is
 * sorted; the same two charts give the same report, byte for byte.
 *
 * @param oldName how the old chart is named in the report (its path, name and version)
 * @param newName likewise for the new chart
 * @param values the values files both were rendered with, after their default values
 * @param files chart files outside {@code templates/} that differ, by path
 * @param added objects only the new chart renders
 * @param removed objects only the old chart renders
 * @param changed objects both render, differently
 * @param upgradeBreaking one located problem per field change Kubernetes would reject on upgrade
 * @param unstable fields left out of the comparison because they differ between two renders of the
 *     same chart ({@code Kind/name path}): random values such as generated passwords
 * @param objects how many objects the new chart renders
 */
public record DiffReport(
    String oldName,
    String newName,
    List<String> values,
    List<FileChange> files,
    List<ObjectKey> added,
    List<ObjectKey> removed,
    List<ObjectChange> changed,
    List<Problem> upgradeBreaking,
    List<String> unstable,
    int objects) {

  public DiffReport {
    values = List.copyOf(values);
    files = List.copyOf(files);
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    changed = List.copyOf(changed);
    upgradeBreaking = List.copyOf(upgradeBreaking);
    unstable = List.copyOf(unstable);
  }

  /** True when the charts render the same objects from the same files. */
  public boolean isEmpty() {
    return files.isEmpty() && added.isEmpty() && removed.isEmpty() && changed.isEmpty();
  }

  /** True when {@code helm upgrade} from old to new would be rejected somewhere. */
  public boolean breaksUpgrade() {
    return !upgradeBreaking.isEmpty();
  }

  /**
   * The whole report as text (for a pull-request comment): {@link #formatChanges}, then the upgrade
   * check.
   */
  public String format() {
    StringBuilder out = new StringBuilder(formatChanges());
    if (upgradeBreaking.isEmpty()) {
      out.append("Upgrade check: no change that helm upgrade would have rejected\n");
    } else {
      out.append("Upgrade check: ")
          .append(count(upgradeBreaking.size(), "change"))
          .append(" that helm upgrade would have rejected\n");
      for (Problem p : upgradeBreaking) {
        out.append("  ").append(p.format()).append(" [").append(p.checkId()).append("]\n");
      }
    }
    return out.toString();
  }

  /** The differences only: a header, the chart files, the objects. */
  public String formatChanges() {
    StringBuilder out = new StringBuilder();
    out.append("Compared ")
        .append(oldName)
        .append(" → ")
        .append(newName)
        .append(", values: ")
        .append(values.isEmpty() ? "defaults" : "defaults, " + String.join(", ", values))
        .append('\n');
    if (!unstable.isEmpty()) {
      out.append("Not compared, random on every render: ")
          .append(String.join(", ", unstable))
          .append('\n');
    }
    if (isEmpty()) {
      out.append("No differences (").append(count(objects, "object")).append(")\n");
      return oneLinePerEntry(out.toString());
    }
    if (!files.isEmpty()) {
      out.append("Chart files: ").append(count(files.size(), "file")).append(" differ\n");
      for (FileChange file : files) {
        out.append("  ~ ").append(file.path());
        if (!file.summary().isEmpty()) {
          out.append(" (").append(file.summary()).append(')');
        }
        out.append('\n');
        for (FieldChange field : file.fields()) {
          out.append("      ").append(field.format()).append('\n');
        }
      }
    }
    out.append("Objects: ")
        .append(changed.size())
        .append(" changed, ")
        .append(added.size())
        .append(" added, ")
        .append(removed.size())
        .append(" removed (the new chart renders ")
        .append(count(objects, "object"))
        .append(")\n");
    for (ObjectKey key : added) {
      out.append("  + ").append(key.display()).append('\n');
    }
    for (ObjectKey key : removed) {
      out.append("  - ").append(key.display()).append('\n');
    }
    Set<FieldChange> repeated = repeated();
    if (!repeated.isEmpty()) {
      out.append("  Changed the same way in several objects:\n");
      for (FieldChange field : repeated) {
        long n = changed.stream().filter(c -> c.fields().contains(field)).count();
        out.append("      ").append(field.format()).append(" (").append(n).append(" objects)\n");
      }
    }
    int onlyRepeated = 0;
    for (ObjectChange change : changed) {
      List<FieldChange> own = change.fields().stream().filter(f -> !repeated.contains(f)).toList();
      if (own.isEmpty()) {
        onlyRepeated++;
        continue;
      }
      out.append("  ~ ").append(change.key().display()).append('\n');
      for (FieldChange field : own) {
        out.append("      ").append(field.format()).append('\n');
      }
    }
    if (onlyRepeated > 0) {
      out.append("  (")
          .append(count(onlyRepeated, "other object"))
          .append(" changed only as listed above)\n");
    }
    return oneLinePerEntry(out.toString());
  }

  /**
   * The field changes made identically in {@value #REPEATED} or more objects (a chart version
   * label, say), which the report lists once rather than under every object.
   */
  private Set<FieldChange> repeated() {
    Map<FieldChange, Integer> counts = new TreeMap<>(BY_PATH);
    for (ObjectChange change : changed) {
      for (FieldChange field : change.fields()) {
        counts.merge(field, 1, Integer::sum);
      }
    }
    Set<FieldChange> repeated = new TreeSet<>(BY_PATH);
    counts.forEach(
        (field, n) -> {
          if (n >= REPEATED) {
            repeated.add(field);
          }
        });
    return repeated;
  }

  private static final int REPEATED = 3;

  private static final Comparator<FieldChange> BY_PATH =
      Comparator.comparing(FieldChange::path)
          .thenComparing(FieldChange::oldValue)
          .thenComparing(FieldChange::newValue);

  /** Field values are echoed from charts: keep each entry on its line. */
  private static String oneLinePerEntry(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (String line : text.split("\n", -1)) {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(line.replace("\r", "\\r").replace("\t", "\\t"));
    }
    return out.toString();
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
