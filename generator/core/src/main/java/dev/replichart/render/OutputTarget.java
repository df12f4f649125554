package dev.replichart.render;

import dev.replichart.problem.Location;
import dev.replichart.problem.Problem;
import dev.replichart.problem.ProblemsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The directory a chart may replace. Generating replaces the output directory as a whole, so a
 * mistyped {@code -o} must never name a directory that holds anything else: the current or home
 * directory, the root, a directory holding the inputs, or someone's non-empty directory. Shared by
 * every front end (CLI, Maven plugin); they only print the refusal.
 */
public final class OutputTarget {
  private static final int MAX_LINKS = 40;

  private final Path given;
  private final Path directory;

  private OutputTarget(Path given, Path directory) {
    this.given = given;
    this.directory = directory;
  }

  /** The path as the user gave it. */
  public Path given() {
    return given;
  }

  /** The directory the chart replaces: the given path, or where the link at it points. */
  public Path directory() {
    return directory;
  }

  /**
   * Decides whether a chart may replace {@code output}.
   *
   * @param inputs the spec and values files, which the output must not contain
   * @param force allow replacing a non-empty directory that replichart did not write; never the
   *     dangerous cases (root, home, current directory, a directory holding an input)
   * @throws ProblemsException with one {@code OUTPUT-*} problem saying why and what to do
   */
  public static OutputTarget choose(Path output, List<Path> inputs, boolean force)
      throws ProblemsException {
    String shown = output.toString();
    if (shown.isBlank()) {
      throw refuse(
          "''",
          "the output directory is empty",
          "name the directory the chart goes to, e.g. -o chart",
          "OUTPUT-EMPTY");
    }
    Path absolute = output.toAbsolutePath().normalize();
    Path directory;
    try {
      directory = followLinks(absolute);
    } catch (IOException e) {
      throw refuse(shown, "cannot follow the link: " + e.getMessage(), "", "OUTPUT-LINK");
    }
    Set<Path> names = new LinkedHashSet<>(List.of(absolute, directory, real(directory)));
    Path home = Path.of(System.getProperty("user.home")).toAbsolutePath().normalize();
    Path cwd = Path.of("").toAbsolutePath();
    String replaced = "; generating replaces the output directory as a whole";
    String elsewhere = "name a new directory for the chart, e.g. -o chart";
    for (Path name : names) {
      if (name.getParent() == null) {
        throw refuse(shown, "is the file system root" + replaced, elsewhere, "OUTPUT-ROOT");
      }
      if (contains(name, home)) {
        throw refuse(
            shown, "is your home directory or contains it" + replaced, elsewhere, "OUTPUT-HOME");
      }
      if (contains(name, cwd)) {
        throw refuse(
            shown,
            "is the current directory or contains it" + replaced,
            elsewhere,
            "OUTPUT-CURRENT-DIR");
      }
      for (Path input : inputs) {
        Path folder = input.toAbsolutePath().normalize().getParent();
        if (folder != null && contains(name, folder)) {
          throw refuse(
              shown,
              "contains the input file " + input + replaced,
              "choose a directory that holds neither the spec nor a values file, e.g. -o chart",
              "OUTPUT-CONTAINS-INPUT");
        }
      }
    }
    if (Files.exists(directory) && !Files.isDirectory(directory)) {
      throw refuse(
          shown,
          "exists and is not a directory",
          "remove it or name a directory",
          "OUTPUT-NOT-A-DIRECTORY");
    }
    if (!force) {
      Optional<String> foreign = foreignContent(directory);
      if (foreign.isPresent()) {
        throw refuse(
            shown,
            foreign.get() + "; generating would delete it",
            "name a new or empty directory, or pass --force to replace it",
            "OUTPUT-NOT-A-CHART");
      }
    }
    return new OutputTarget(output, directory);
  }

  /** Where a chain of symbolic links at {@code absolute} ends (the path itself if none). */
  public static Path followLinks(Path absolute) throws IOException {
    Path path = absolute;
    for (int i = 0; i < MAX_LINKS; i++) {
      if (!Files.isSymbolicLink(path)) {
        return path;
      }
      path = path.resolveSibling(Files.readSymbolicLink(path)).normalize();
    }
    throw new IOException("too many levels of symbolic links at " + absolute);
  }

  /** Whether replacing {@code dir} would remove {@code path}. */
  private static boolean contains(Path dir, Path path) {
    return path.startsWith(dir) || real(path).startsWith(dir);
  }

  /** The path with every link in its existing part resolved. */
  private static Path real(Path absolute) {
    Deque<Path> missing = new ArrayDeque<>();
    Path existing = absolute;
    while (existing != null && !Files.exists(existing)) {
      missing.push(existing.getFileName());
      existing = existing.getParent();
    }
    if (existing == null) {
      return absolute;
    }
    try {
      Path real = existing.toRealPath();
      while (!missing.isEmpty()) {
        real = real.resolve(missing.pop());
      }
      return real;
    } catch (IOException e) {
      return absolute;
    }
  }

  /**
   * What in {@code dir} replichart did not write, if anything: a chart it wrote lists every file in
   * its {@link ChartRenderer#MANIFEST}.
   */
  private static Optional<String> foreignContent(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    List<String> present = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
          .map(p -> dir.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .forEach(present::add);
    } catch (IOException | UncheckedIOException e) {
      return Optional.of("is a directory that cannot be read (" + e.getMessage() + ")");
    }
    if (present.isEmpty()) {
      return Optional.empty();
    }
    Path manifest = dir.resolve(ChartRenderer.MANIFEST);
    List<String> lines;
    try {
      lines =
          Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)
              ? Files.readAllLines(manifest, StandardCharsets.UTF_8)
              : List.of();
    } catch (IOException e) {
      lines = List.of();
    }
    if (lines.isEmpty() || !lines.get(0).startsWith("# Generated by replichart")) {
      return Optional.of(
          "is a non-empty directory that replichart did not write (it has no "
              + ChartRenderer.MANIFEST
              + ")");
    }
    Set<String> listed = new HashSet<>(Set.of(ChartRenderer.MANIFEST));
    for (String line : lines) {
      int gap = line.indexOf("  ");
      if (!line.startsWith("#") && gap > 0) {
        listed.add(line.substring(gap + 2));
      }
    }
    return present.stream()
        .filter(p -> !listed.contains(p))
        .findFirst()
        .map(p -> "holds " + p + ", which is not part of the chart replichart wrote there");
  }

  private static ProblemsException refuse(
      String shown, String message, String hint, String checkId) {
    return new ProblemsException(
        List.of(new Problem(Location.ofFile(shown), "", message, hint, checkId)));
  }
}
