package dev.replichart.render;

import dev.replichart.Directories;
import dev.replichart.problem.Location;
import dev.replichart.problem.Problem;
import dev.replichart.problem.ProblemsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * Writes a chart so that a reader never sees half of it: the files go to a temporary directory
 * beside the target, are validated there, and only then replace the target with two renames. If
 * anything fails, the target is as it was.
 */
public final class ChartWriter {

  /** Checks a chart written to a directory; returns its problems (empty = valid). */
  @FunctionalInterface
  public interface Check {
    List<Problem> check(Path chartDir) throws IOException;
  }

  private ChartWriter() {}

  /**
   * Writes {@code chart} to {@code target} if {@code check} finds no problem.
   *
   * @throws ProblemsException when the check finds problems (the target is untouched)
   * @throws IOException when the file system fails (the target is untouched)
   */
  public static void write(RenderedChart chart, Path target, Check check)
      throws IOException, ProblemsException {
    Path absolute = target.toAbsolutePath().normalize();
    Path parent = absolute.getParent();
    if (parent == null) {
      throw new IOException("cannot write a chart to the file system root");
    }
    Files.createDirectories(parent);
    if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
      throw new IOException(target + " exists and is not a directory");
    }
    Path staging = Files.createTempDirectory(parent, "." + absolute.getFileName() + ".new-");
    try {
      writeFiles(chart, staging);
      List<Problem> problems = check.check(staging);
      if (!problems.isEmpty()) {
        throw new ProblemsException(relocate(problems, staging, target));
      }
      replace(staging, absolute);
    } finally {
      Directories.deleteTree(staging);
    }
  }

  /** Writes the files only, for callers that validate elsewhere (tests, packaging). */
  public static void writeFiles(RenderedChart chart, Path dir) throws IOException {
    for (Map.Entry<String, String> file : chart.files().entrySet()) {
      Path path = dir.resolve(file.getKey()).normalize();
      if (!path.startsWith(dir)) {
        throw new IOException("refusing to write outside the chart: " + file.getKey());
      }
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
    }
  }

  private static void replace(Path staging, Path target) throws IOException {
    Path old = null;
    if (Files.exists(target)) {
      old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
      Files.delete(old);
      move(target, old);
    }
    try {
      move(staging, target);
    } catch (IOException e) {
      if (old != null) {
        move(old, target);
      }
      throw e;
    }
    if (old != null) {
      Directories.deleteTree(old);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  /** Problems found in the staging directory are reported against the target's paths. */
  private static List<Problem> relocate(List<Problem> problems, Path staging, Path target) {
    String from = staging.toString();
    String to = target.toString();
    return problems.stream()
        .map(
            p ->
                new Problem(
                    new Location(
                        p.location().file().replace(from, to),
                        p.location().line(),
                        p.location().column()),
                    p.object(),
                    p.path(),
                    p.message().replace(from, to),
                    p.hint(),
                    p.checkId()))
        .toList();
  }
}
