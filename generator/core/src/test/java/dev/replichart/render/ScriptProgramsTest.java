package dev.replichart.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replichart.TestFiles;
import dev.replichart.pipeline.ChartGenerator;
import dev.replichart.plan.ChartDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every program a chart's scripts call is in the image their container runs on, as the chart's
 * replichart.json (and its README table) lists it: for both flavors, including the MySQL one that
 * the sandbox cannot run. The sandbox enforces the same list at run time through each container's
 * PATH.
 */
class ScriptProgramsTest {
  /**
   * The container whose image runs each entry script; the libraries run wherever they are sourced.
   */
  private static final Map<String, String> CONTAINER_OF =
      Map.of(
          "init-mysql.sh", "init-mysql",
          "clone-mysql.sh", "clone-mysql",
          "sidecar.sh", "sidecar",
          "probe.sh", "mysqld",
          "failover.sh", "failover",
          "serve-backup.sh", "sidecar");

  static Stream<Path> examples() {
    return TestFiles.examples().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyProgramAScriptCallsIsInItsImage(Path example) throws Exception {
    RenderedChart chart = new ChartGenerator().render(example);
    assertThat(missing(chart)).isEmpty();
  }

  @Test
  void aProgramTheImageLacksIsFound() throws Exception {
    RenderedChart chart =
        new ChartGenerator().render(TestFiles.repoRoot().resolve("examples/mariadb.yaml"));
    Map<String, String> files = new HashMap<>(chart.files());
    String sidecar = files.get("files/scripts/sidecar.sh");
    files.put(
        "files/scripts/sidecar.sh",
        sidecar.replace("serve_clones\n", "serve_clones\ncurl -s \"$K8S_HOST\" >/dev/null\n"));
    files.put(
        "files/scripts/lib-peers.sh",
        files.get("files/scripts/lib-peers.sh") + "\nlook() {\n  x=$(ncat -l 1)\n}\n");
    RenderedChart broken =
        new RenderedChart(chart.name(), chart.version(), new java.util.TreeMap<>(files));
    assertThat(missing(broken))
        .containsExactlyInAnyOrder("curl (sidecar.sh)", "ncat (lib-peers.sh)");
  }

  /** "program (script)" for each call of a program that the script's image does not list. */
  private static List<String> missing(RenderedChart chart) throws Exception {
    Path dir = Files.createTempDirectory("replichart-programs");
    Files.writeString(dir.resolve(ChartDescription.FILE), chart.files().get(ChartDescription.FILE));
    ChartDescription description = ChartDescription.read(dir);
    Map<String, String> scripts = new HashMap<>();
    chart
        .files()
        .forEach(
            (path, text) -> {
              if (path.startsWith("files/scripts/")) {
                scripts.put(path.substring("files/scripts/".length()), text);
              }
            });
    Map<String, String> variables = new HashMap<>();
    for (String line : scripts.get("lib-base.sh").split("\n")) {
      if (line.matches("[A-Z_]+=[a-z][a-z0-9.-]*")) {
        variables.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
      }
    }
    Set<String> functions = new TreeSet<>();
    scripts.values().forEach(s -> functions.addAll(ScriptCommands.functions(s)));
    Set<String> found = new LinkedHashSet<>();
    for (Map.Entry<String, String> script : new TreeMap<>(scripts).entrySet()) {
      String container = CONTAINER_OF.getOrDefault(script.getKey(), "mysqld");
      List<String> programs = description.imageOf(container).programs();
      for (String command : ScriptCommands.commands(script.getValue(), variables)) {
        if (!ScriptCommands.BUILTINS.contains(command)
            && !functions.contains(command)
            && !programs.contains(command)) {
          found.add(command + " (" + script.getKey() + ")");
        }
      }
    }
    return List.copyOf(found);
  }
}
