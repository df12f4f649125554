package dev.replichart.kube;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Annotation keys through which a chart tells the policy checks what they cannot infer. */
public final class Annotations {
  /** The policy check IDs a workload is exempt from (comma-separated), reason in a comment. */
  public static final String POLICY_EXCEPTIONS = "replichart.dev/policy-exceptions";

  /**
   * Pod label keys maintained at run time, each with the values it takes; Service selectors may use
   * them. The value is written by {@link #runtimeLabels(Map)} and read by {@link
   * #parseRuntimeLabels(String)}: {@code key=value|value}, keys separated by commas, so that a
   * selector on a run-time key can still be checked against the values the pods will carry.
   */
  public static final String RUNTIME_LABELS = "replichart.dev/runtime-labels";

  /**
   * On {@code Chart.yaml}: {@code sha256:<hex>} over every other file of the chart but the
   * manifest, so that a changed chart is told from an unchanged one without the generator at hand.
   */
  public static final String CONTENT_DIGEST = "replichart.dev/content-digest";

  /** {@value #EXTERNAL} when volume claims use a StorageClass the chart does not contain. */
  public static final String STORAGE_CLASS = "replichart.dev/storage-class";

  public static final String EXTERNAL = "external";

  /** The run-time label keys the database pods carry: the role label and its two values. */
  public static final Map<String, List<String>> DATABASE_RUNTIME_LABELS =
      Map.of(Labels.ROLE, List.of(Labels.ROLE_PRIMARY, Labels.ROLE_REPLICA));

  private Annotations() {}

  /** The {@value #RUNTIME_LABELS} value for these keys and values, keys sorted. */
  public static String runtimeLabels(Map<String, List<String>> valuesByKey) {
    return new TreeMap<>(valuesByKey)
        .entrySet().stream()
            .map(e -> e.getKey() + "=" + String.join("|", e.getValue()))
            .collect(Collectors.joining(","));
  }

  /**
   * Each run-time key with the values it is declared to take. A key written without {@code =}
   * declares no value, so no selector value on it can match.
   */
  public static Map<String, Set<String>> parseRuntimeLabels(String value) {
    Map<String, Set<String>> out = new TreeMap<>();
    for (String entry : value.split("[,\\s]+")) {
      if (entry.isBlank()) {
        continue;
      }
      int eq = entry.indexOf('=');
      String key = eq < 0 ? entry : entry.substring(0, eq);
      Set<String> values = out.computeIfAbsent(key, k -> new LinkedHashSet<>());
      if (eq >= 0) {
        Arrays.stream(entry.substring(eq + 1).split("\\|"))
            .filter(v -> !v.isBlank())
            .forEach(values::add);
      }
    }
    return out;
  }
}
