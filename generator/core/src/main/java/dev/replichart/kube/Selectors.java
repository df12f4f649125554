package dev.replichart.kube;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Label selectors ({@code matchLabels} form) as the API server evaluates them. */
public final class Selectors {
  private Selectors() {}

  /** True when every key of {@code selector} is in {@code labels} with the same value. */
  public static boolean matches(Map<String, String> selector, Map<String, String> labels) {
    return matches(selector, labels, Set.of());
  }

  /**
   * Like {@link #matches(Map, Map)}, but keys in {@code setAtRunTime} are taken as matching: a pod
   * template cannot carry a label that a sidecar sets on the running pod.
   */
  public static boolean matches(
      Map<String, String> selector, Map<String, String> labels, Set<String> setAtRunTime) {
    return selector.entrySet().stream()
        .allMatch(
            e -> setAtRunTime.contains(e.getKey()) || e.getValue().equals(labels.get(e.getKey())));
  }

  /**
   * Like {@link #matches(Map, Map)}, but a key set at run time matches when the selector's value is
   * one of those declared for it: a pod template cannot carry a label that a sidecar sets on the
   * running pod, yet a selector value the sidecar never sets matches no pod.
   *
   * @param runtimeValues each run-time key with the values it takes
   */
  public static boolean matchesAtRunTime(
      Map<String, String> selector,
      Map<String, String> labels,
      Map<String, Set<String>> runtimeValues) {
    return selector.entrySet().stream()
        .allMatch(
            e ->
                runtimeValues.containsKey(e.getKey())
                    ? runtimeValues.get(e.getKey()).contains(e.getValue())
                    : e.getValue().equals(labels.get(e.getKey())));
  }

  /** An object node of string values ({@code matchLabels}, {@code metadata.labels}) as a map. */
  public static Map<String, String> toMap(JsonNode node) {
    Map<String, String> map = new TreeMap<>();
    node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }
}
