package dev.replichart.release;

import dev.replichart.render.RenderedChart;
import java.util.TreeMap;

/** Small charts for the release tests: a Chart.yaml with a version and a digest, and one file. */
final class Charts {
  private Charts() {}

  static RenderedChart chart(String name, String version, String digest, String values) {
    TreeMap<String, String> files = new TreeMap<>();
    files.put(
        "Chart.yaml",
        "apiVersion: v2\nname: "
            + name
            + "\nversion: "
            + version
            + "\nannotations:\n  replichart.dev/content-digest: \""
            + digest
            + "\"\n");
    files.put("values.yaml", values);
    files.put("templates/service.yaml", "kind: Service\n");
    return new RenderedChart(name, version, files);
  }

  static ChartSnapshot snapshot(String version, String digest) {
    return ChartSnapshot.of(chart("db", version, digest, "replicas: 3\n"), "baseline");
  }
}
