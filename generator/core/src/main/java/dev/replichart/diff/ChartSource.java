package dev.replichart.diff;

import dev.replichart.pack.ChartPackager;
import dev.replichart.problem.Location;
import dev.replichart.problem.Problem;
import dev.replichart.problem.ProblemsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Where a chart to compare comes from. */
public sealed interface ChartSource {
  /** The path as the user gave it; problems and the report name it so. */
  Path path();

  /** A chart directory (with Chart.yaml). */
  record Directory(Path path) implements ChartSource {}

  /**
   * A packaged chart, {@code .tgz}, as {@code helm package} and {@code replichart package} write.
   */
  record Archive(Path path) implements ChartSource {}

  /** A {@code kind: MySQLCluster} spec, rendered in memory (not validated, nothing written). */
  record Spec(Path path) implements ChartSource {}

  /**
   * What {@code path} is: a directory holding Chart.yaml, a {@code .tgz} / {@code .tar.gz} file, or
   * a YAML file whose {@code kind} is MySQLCluster.
   *
   * @throws ProblemsException when it is none of these, or does not exist
   */
  static ChartSource of(Path path) throws ProblemsException {
    String name = path.getFileName() == null ? "" : path.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    try {
      if (Files.isDirectory(path)) {
        if (Files.isRegularFile(path.resolve("Chart.yaml"))) {
          return new Directory(path);
        }
        throw problem(path, "not a chart directory (no Chart.yaml)");
      }
      if (!Files.exists(path)) {
        throw problem(path, "no such file or directory");
      }
      if (lower.endsWith(".tgz") || lower.endsWith(".tar.gz")) {
        return new Archive(path);
      }
      if (ChartPackager.isSpec(path)) {
        return new Spec(path);
      }
    } catch (IOException e) {
      throw problem(path, "cannot read: " + e.getMessage());
    }
    throw problem(
        path,
        "neither a chart directory, a packaged chart (.tgz) nor a MySQLCluster spec (kind:"
            + " MySQLCluster)");
  }

  private static ProblemsException problem(Path path, String message) {
    return new ProblemsException(
        List.of(new Problem(Location.ofFile(path.toString()), "", message, "", "DIFF-INPUT")));
  }
}
