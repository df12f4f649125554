package dev.replichart.render;

import dev.replichart.Directories;
import dev.replichart.problem.Location;
import dev.replichart.problem.Problem;
import dev.replichart.problem.ProblemsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a chart so that a reader never sees half of it: the files go to a staging directory beside
 * the target, are validated there, and only then take the target's place in one atomic exchange. If
 * anything fails, or the process is killed at any moment, the target is as it was.
 */
public final class ChartWriter {

  /** Checks a chart written to a directory; returns its problems (empty = valid). */
  @FunctionalInterface
  public interface Check {
    List<Problem> check(Path chartDir) throws IOException;
  }

  private static final String NEW = "new";
  private static final String OLD = "old";
  private static final SecureRandom RANDOM = new SecureRandom();

  private ChartWriter() {}

  /**
   * Writes {@code chart} to {@code target} if {@code check} finds no problem. A symbolic link at
   * {@code target} stays: the chart replaces the directory it points to. Parent directories created
   * here are removed again when the write fails.
   *
   * @throws ProblemsException when the check finds problems (the target is untouched)
   * @throws IOException when the file system fails (the target is untouched)
   */
  public static void write(RenderedChart chart, Path target, Check check)
      throws IOException, ProblemsException {
    Path absolute = OutputTarget.followLinks(target.toAbsolutePath().normalize());
    Path parent = absolute.getParent();
    if (parent == null) {
      throw new IOException("cannot write a chart to the file system root");
    }
    List<Path> createdParents = createParents(parent);
    boolean written = false;
    try {
      String name = absolute.getFileName().toString();
      removeStale(parent, name, absolute);
      if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
        throw new IOException(target + " exists and is not a directory");
      }
      Path staging = newSibling(parent, name, NEW);
      try {
        writeFiles(chart, staging);
        List<Problem> problems = check.check(staging);
        if (!problems.isEmpty()) {
          throw new ProblemsException(relocate(problems, staging, target));
        }
        replace(staging, absolute);
      } finally {
        // after an exchange the staging directory holds the previous chart
        Directories.deleteTree(staging);
      }
      written = true;
    } finally {
      if (!written) {
        removeCreated(createdParents);
      }
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

  /**
   * Puts the staging directory in the target's place. With {@code RENAME_EXCHANGE} the target is
   * never absent; without it, a process killed between the two renames leaves the previous chart in
   * an {@code .old-} sibling, which the next run moves back ({@link #removeStale}).
   */
  private static void replace(Path staging, Path target) throws IOException {
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      move(staging, target);
      return;
    }
    if (DirectoryExchange.exchange(staging, target)) {
      return;
    }
    Path old = siblingName(target.getParent(), target.getFileName().toString(), OLD);
    move(target, old);
    try {
      move(staging, target);
    } catch (IOException e) {
      move(old, target);
      throw e;
    }
    Directories.deleteTree(old);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  /**
   * Creates the missing directories above the target one by one, so that a failed write knows which
   * ones were its own. They get the default permissions (the umask decides).
   */
  private static List<Path> createParents(Path parent) throws IOException {
    List<Path> missing = new ArrayList<>();
    for (Path p = parent; p != null && !Files.exists(p); p = p.getParent()) {
      missing.add(0, p);
    }
    List<Path> created = new ArrayList<>();
    try {
      for (Path p : missing) {
        try {
          Files.createDirectory(p);
          created.add(p);
        } catch (FileAlreadyExistsException e) {
          if (!Files.isDirectory(p)) {
            throw e;
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      removeCreated(created);
      throw e;
    }
    return created;
  }

  /** Removes the parents this run created, deepest first; one that is not empty now stays. */
  private static void removeCreated(List<Path> created) {
    for (int i = created.size() - 1; i >= 0; i--) {
      try {
        Files.deleteIfExists(created.get(i));
      } catch (IOException e) {
        return; // not empty: something else writes there now
      }
    }
  }

  /**
   * A staging or old directory beside the target, named {@code .<name>.new-<pid>-<random>}, created
   * with the default permissions (not the 0700 of a temporary directory). The pid tells a later run
   * whether its owner is still alive.
   */
  private static Path newSibling(Path parent, String name, String kind) throws IOException {
    while (true) {
      try {
        return Files.createDirectory(siblingName(parent, name, kind));
      } catch (FileAlreadyExistsException e) {
        // another name
      }
    }
  }

  private static Path siblingName(Path parent, String name, String kind) {
    return parent.resolve(
        "."
            + name
            + "."
            + kind
            + "-"
            + ProcessHandle.current().pid()
            + "-"
            + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE));
  }

  /**
   * Removes the staging and old directories that processes killed while writing this target left
   * behind. An old directory whose owner died between its two renames is the previous chart: when
   * the target is missing, it is moved back instead. Directories of live processes stay.
   */
  private static void removeStale(Path parent, String name, Path target) {
    List<Path> stale = new ArrayList<>();
    try (Stream<Path> siblings = Files.list(parent)) {
      siblings
          .filter(p -> ownerIsDead(p.getFileName().toString(), name))
          .sorted(Comparator.comparing((Path p) -> !p.getFileName().toString().contains(OLD)))
          .forEach(stale::add);
    } catch (IOException e) {
      return; // cleaning up is a courtesy; the write itself does not depend on it
    }
    for (Path p : stale) {
      try {
        if (p.getFileName().toString().startsWith("." + name + "." + OLD + "-")
            && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
          move(p, target);
        } else {
          Directories.deleteTree(p);
        }
      } catch (IOException e) {
        // left for a later run
      }
    }
  }

  private static boolean ownerIsDead(String fileName, String name) {
    for (String kind : List.of(NEW, OLD)) {
      String prefix = "." + name + "." + kind + "-";
      if (fileName.startsWith(prefix)) {
        String rest = fileName.substring(prefix.length());
        int dash = rest.indexOf('-');
        if (dash <= 0) {
          return false;
        }
        long pid;
        try {
          pid = Long.parseLong(rest.substring(0, dash));
        } catch (NumberFormatException e) {
          return false;
        }
        return pid != ProcessHandle.current().pid()
            && ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
      }
    }
    return false;
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
