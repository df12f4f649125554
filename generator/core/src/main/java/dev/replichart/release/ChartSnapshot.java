package dev.replichart.release;

import dev.replichart.kube.Annotations;
import dev.replichart.render.RenderedChart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A chart to compare: its files with where they came from, and what its {@code Chart.yaml} says.
 *
 * @param origin where the chart was read, for messages ({@code chart/}, {@code git:HEAD:chart})
 * @param chart the files; name and version as {@code Chart.yaml} states them (empty when it does
 *     not)
 * @param contentDigest the {@value Annotations#CONTENT_DIGEST} annotation, or empty
 */
public record ChartSnapshot(String origin, RenderedChart chart, String contentDigest) {
  static final String CHART_YAML = "Chart.yaml";

  /** A chart rendered in memory. */
  public static ChartSnapshot of(RenderedChart chart, String origin) {
    return fromFiles(origin, chart.files());
  }

  /** Reads every file under {@code dir}, paths relative to it with {@code /}. */
  public static ChartSnapshot read(Path dir) throws IOException {
    SortedMap<String, String> files = new TreeMap<>();
    for (Map.Entry<String, byte[]> file : readBytes(dir).entrySet()) {
      files.put(file.getKey(), new String(file.getValue(), StandardCharsets.UTF_8));
    }
    return fromFiles(dir.toString(), files);
  }

  /** Files and {@code Chart.yaml}'s name, version and content digest. */
  static ChartSnapshot fromFiles(String origin, SortedMap<String, String> files) {
    Map<?, ?> chartYaml = parse(files.get(CHART_YAML));
    String name = text(chartYaml.get("name"));
    String version = text(chartYaml.get("version"));
    String digest =
        chartYaml.get("annotations") instanceof Map<?, ?> annotations
            ? text(annotations.get(Annotations.CONTENT_DIGEST))
            : "";
    return new ChartSnapshot(origin, new RenderedChart(name, version, files), digest);
  }

  /** The chart's version as SemVer, if it is one. */
  public Optional<SemVer> version() {
    return SemVer.parse(chart.version());
  }

  /** Every regular file under {@code dir} by relative path; empty when {@code dir} is absent. */
  static SortedMap<String, byte[]> readBytes(Path dir) throws IOException {
    SortedMap<String, byte[]> files = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return files;
    }
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(dir)) {
      paths = walk.filter(p -> !Files.isDirectory(p)).sorted().toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    for (Path path : paths) {
      files.put(dir.relativize(path).toString().replace('\\', '/'), Files.readAllBytes(path));
    }
    return files;
  }

  private static Map<?, ?> parse(String chartYaml) {
    if (chartYaml == null) {
      return Map.of();
    }
    try {
      Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(chartYaml);
      return root instanceof Map<?, ?> map ? map : Map.of();
    } catch (YAMLException e) {
      return Map.of(); // a broken Chart.yaml has no name or version to compare
    }
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }
}
