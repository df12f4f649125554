package dev.replichart.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code -f VALUES} option that generate and validate share, with its existence check. */
final class ValuesFiles {
  @Option(
      names = {"-f", "--values"},
      paramLabel = "VALUES",
      description = "A values file to check against the schema and render with; repeatable.")
  List<Path> files = new ArrayList<>();

  /** Reports the first values file that does not exist; true when all do. */
  boolean allExist(PrintWriter err) {
    for (Path values : files) {
      if (!Files.isRegularFile(values)) {
        err.println("replichart: " + values + ": no such values file");
        return false;
      }
    }
    return true;
  }
}
