package dev.replichart.release;

import dev.replichart.problem.Location;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Where a spec sets {@code chart.version}: the place a version problem's fix goes. */
public final class ChartVersionLocation {
  private ChartVersionLocation() {}

  /**
   * The value of {@code chart.version} in the spec, or the {@code chart} key, or the file, as far
   * as the spec has them. The file is shown as {@code spec} spells it, as the spec's own problems
   * are.
   */
  public static Location of(Path spec) {
    String file = spec.toString();
    try (Reader reader = Files.newBufferedReader(spec, StandardCharsets.UTF_8)) {
      Node root = new Yaml(new LoaderOptions()).compose(reader);
      Node chart = child(root, "chart");
      if (chart == null) {
        return Location.ofFile(file);
      }
      Node version = child(chart, "version");
      Node at = version != null ? version : chart;
      return new Location(file, at.getStartMark().getLine() + 1, at.getStartMark().getColumn() + 1);
    } catch (IOException | YAMLException e) {
      return Location.ofFile(file);
    }
  }

  private static Node child(Node node, String key) {
    if (!(node instanceof MappingNode mapping)) {
      return null;
    }
    for (NodeTuple tuple : mapping.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
        return tuple.getValueNode();
      }
    }
    return null;
  }
}
