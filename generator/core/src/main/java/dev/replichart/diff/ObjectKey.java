package dev.replichart.diff;

import dev.replichart.kube.KubeObject;
import java.util.Comparator;

/**
 * What identifies a rendered object to Kubernetes, and so to {@code helm upgrade}: an object whose
 * key changes is deleted and created anew, not updated.
 *
 * @param namespace the object's {@code metadata.namespace}, empty when the chart leaves it to the
 *     release (or the kind is cluster-wide)
 */
public record ObjectKey(String apiVersion, String kind, String namespace, String name)
    implements Comparable<ObjectKey> {
  private static final Comparator<ObjectKey> ORDER =
      Comparator.comparing(ObjectKey::kind)
          .thenComparing(ObjectKey::name)
          .thenComparing(ObjectKey::namespace)
          .thenComparing(ObjectKey::apiVersion);

  static ObjectKey of(KubeObject object) {
    return new ObjectKey(
        object.apiVersion(),
        object.kind(),
        object.node().path("metadata").path("namespace").asText(""),
        object.name());
  }

  /** {@code Kind/name}, as problems name objects. */
  public String label() {
    return kind + "/" + name;
  }

  /** {@code Kind name (apiVersion[, namespace ns])}: one line of the report. */
  public String display() {
    return kind
        + " "
        + name
        + " ("
        + apiVersion
        + (namespace.isEmpty() ? "" : ", namespace " + namespace)
        + ")";
  }

  @Override
  public int compareTo(ObjectKey other) {
    return ORDER.compare(this, other);
  }
}
