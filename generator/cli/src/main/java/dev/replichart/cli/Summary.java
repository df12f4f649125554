package dev.replichart.cli;

import dev.replichart.pipeline.ChartGenerator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The few lines {@code generate} prints: where the chart went and what Helm renders from it. */
final class Summary {
  private Summary() {}

  static void print(
      ChartGenerator.Generated generated, Path output, List<Path> values, PrintWriter out) {
    var chart = generated.chart();
    out.printf(
        "Wrote chart %s %s to %s (%d files)%n",
        chart.name(), chart.version(), output, chart.files().size());
    out.printf(
        "Validated with default values%s: values schema, helm lint --strict and template,"
            + " Kubernetes models, OpenAPI %s, policy: no problems%n",
        values.isEmpty() ? "" : " and " + values.size() + " values file(s)",
        dev.replichart.validate.OpenApiValidator.KUBERNETES_VERSION);
    String defaults = generated.manifests().values().stream().findFirst().orElse("");
    out.println("Objects rendered with default values:");
    for (String line : describe(defaults)) {
      out.println("  " + line);
    }
    out.flush();
  }

  @SuppressWarnings("unchecked")
  static List<String> describe(String manifests) {
    List<String> lines = new ArrayList<>();
    for (Object doc : new Yaml(new LoaderOptions()).loadAll(manifests)) {
      if (!(doc instanceof Map<?, ?> object)) {
        continue;
      }
      String kind = String.valueOf(object.get("kind"));
      Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
      String name = metadata == null ? "?" : String.valueOf(metadata.get("name"));
      StringBuilder line = new StringBuilder(String.format("%-22s %s", kind, name));
      if (kind.equals("StatefulSet")) {
        Map<String, Object> pod =
            (Map<String, Object>)
                ((Map<String, Object>) ((Map<String, Object>) object.get("spec")).get("template"))
                    .get("spec");
        List<String> names = new ArrayList<>();
        for (String key : List.of("initContainers", "containers")) {
          for (Object c : (List<Object>) pod.getOrDefault(key, List.of())) {
            names.add(String.valueOf(((Map<String, Object>) c).get("name")));
          }
        }
        line.append("  containers: ").append(String.join(", ", names));
      }
      lines.add(line.toString());
    }
    return lines;
  }
}
