package dev.replichart.spec;

import dev.replichart.problem.Location;
import dev.replichart.problem.Problem;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** Collects the problems of one spec file, each located at the YAML node it is about. */
final class Diagnostics {
  private final String file;
  private final List<Problem> problems = new ArrayList<>();

  Diagnostics(String file) {
    this.file = file;
  }

  String file() {
    return file;
  }

  Location locate(Node node) {
    return locate(node.getStartMark());
  }

  Location locate(Mark mark) {
    return mark == null
        ? Location.ofFile(file)
        : new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
  }

  /** A problem at a node; the arguments come in {@link Problem}'s order. */
  void error(Node node, String path, String message, String hint, String checkId) {
    problems.add(new Problem(locate(node), path, message, hint, checkId));
  }

  void error(Location location, String path, String message, String hint, String checkId) {
    problems.add(new Problem(location, path, message, hint, checkId));
  }

  List<Problem> problems() {
    return problems;
  }
}
