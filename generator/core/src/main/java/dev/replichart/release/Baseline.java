package dev.replichart.release;

import dev.replichart.problem.Location;
import dev.replichart.problem.Problem;
import dev.replichart.problem.ProblemsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The chart a new one is compared with to enforce the version rule: the last released or committed
 * chart. Either a directory ({@code target/last-release}, holding the chart itself or {@code
 * <name>/}) or a git revision ({@code git:HEAD}, {@code git:origin/main}) at which the chart
 * directory is read, as committed.
 */
public sealed interface Baseline {
  /** The prefix of a git baseline. */
  String GIT = "git:";

  /** What looking for the baseline chart found. */
  sealed interface Lookup {}

  /** A baseline chart. */
  record Found(ChartSnapshot chart) implements Lookup {}

  /** No baseline chart, and why: no git repository, no commit yet, a new chart. */
  record Absent(String reason) implements Lookup {}

  /**
   * {@code git:REF}, or a directory resolved against {@code baseDir}.
   *
   * @throws IllegalArgumentException for {@code git:} without a revision
   */
  static Baseline parse(String text, Path baseDir) {
    if (text.startsWith(GIT)) {
      String ref = text.substring(GIT.length()).strip();
      if (ref.isEmpty()) {
        throw new IllegalArgumentException("git: needs a revision, e.g. git:HEAD");
      }
      return new GitRevision(ref);
    }
    return new Directory(baseDir.resolve(text).normalize());
  }

  /**
   * The baseline of the chart that lives (or will live) in {@code chartDir} under {@code name}.
   *
   * @throws ProblemsException when the baseline was named but cannot be read
   * @throws IOException when reading fails
   */
  Lookup find(Path chartDir, String name) throws ProblemsException, IOException;

  /**
   * A directory: the chart itself when it holds a {@code Chart.yaml}, otherwise its {@code <name>/}
   * subdirectory (a directory of charts, laid out as the plugin's output directory).
   *
   * @param dir the directory
   */
  record Directory(Path dir) implements Baseline {
    @Override
    public Lookup find(Path chartDir, String name) throws ProblemsException, IOException {
      if (!Files.isDirectory(dir)) {
        throw new ProblemsException(
            List.of(
                new Problem(
                    Location.ofFile(dir.toString()),
                    "",
                    "the baseline directory does not exist",
                    "name the previously released chart's directory, or git:REF",
                    ReleaseRule.BASELINE_UNREADABLE.id())));
      }
      Path chart =
          Files.isRegularFile(dir.resolve(ChartSnapshot.CHART_YAML)) ? dir : dir.resolve(name);
      if (!Files.isRegularFile(chart.resolve(ChartSnapshot.CHART_YAML))) {
        return new Absent(dir + " holds no chart " + name + " (a new chart)");
      }
      return new Found(ChartSnapshot.read(chart));
    }

    @Override
    public String toString() {
      return dir.toString();
    }
  }

  /**
   * A git revision: the chart directory's files as committed there, read with {@code git ls-tree}
   * and {@code git cat-file --batch} (two processes, whatever the number of files).
   *
   * @param ref anything {@code git rev-parse} takes: {@code HEAD}, {@code origin/main}, a tag
   */
  record GitRevision(String ref) implements Baseline {
    @Override
    public Lookup find(Path chartDir, String name) throws ProblemsException, IOException {
      Path absolute = chartDir.toAbsolutePath().normalize();
      Deque<String> below = new ArrayDeque<>();
      Path existing = absolute;
      while (existing != null && !Files.isDirectory(existing)) {
        below.push(existing.getFileName().toString());
        existing = existing.getParent();
      }
      if (existing == null) {
        return new Absent("no directory of " + chartDir + " exists");
      }
      Git git = new Git(existing);
      Git.Result prefix;
      try {
        prefix = git.run("rev-parse", "--show-prefix");
      } catch (IOException e) {
        return new Absent("git cannot be run (" + e.getMessage() + ")");
      }
      if (!prefix.ok()) {
        return new Absent(existing + " is not in a git repository");
      }
      StringBuilder path = new StringBuilder(prefix.text());
      while (!below.isEmpty()) {
        path.append(below.pop()).append('/');
      }
      Git top = new Git(Path.of(git.run("rev-parse", "--show-toplevel").text()));
      if (!top.run("rev-parse", "--verify", "--quiet", ref + "^{commit}").ok()) {
        if (ref.equals("HEAD")) {
          return new Absent("the git repository has no commit yet");
        }
        throw new ProblemsException(
            List.of(
                new Problem(
                    Location.ofFile(chartDir.toString()),
                    "",
                    "the baseline revision " + ref + " does not exist in the git repository",
                    "fetch it (in CI: a checkout with fetch-depth: 0), or name another with"
                        + " -Dreplichart.baseline=git:REF",
                    ReleaseRule.BASELINE_UNREADABLE.id())));
      }
      String dir = path.toString();
      Git.Result tree = top.run("ls-tree", "-r", "-z", "--full-tree", ref, "--", dir);
      if (!tree.ok()) {
        throw new IOException("git ls-tree " + ref + " failed: " + tree.err());
      }
      List<Blob> blobs = blobs(tree.out());
      if (blobs.isEmpty()) {
        return new Absent(dir + " does not exist at " + ref + " (a new chart)");
      }
      StringBuilder request = new StringBuilder();
      blobs.forEach(b -> request.append(b.sha()).append('\n'));
      Git.Result contents =
          top.run(request.toString().getBytes(StandardCharsets.UTF_8), "cat-file", "--batch");
      if (!contents.ok()) {
        throw new IOException("git cat-file " + ref + " failed: " + contents.err());
      }
      SortedMap<String, String> files = new TreeMap<>();
      byte[] out = contents.out();
      int at = 0;
      for (Blob blob : blobs) {
        int eol = indexOf(out, (byte) '\n', at);
        String[] header = new String(out, at, eol - at, StandardCharsets.UTF_8).split(" ");
        if (header.length != 3 || !header[1].equals("blob")) {
          throw new IOException("unexpected git cat-file output: " + String.join(" ", header));
        }
        int size = Integer.parseInt(header[2]);
        files.put(
            blob.path().substring(dir.length()),
            new String(out, eol + 1, size, StandardCharsets.UTF_8));
        at = eol + 1 + size + 1;
      }
      return new Found(ChartSnapshot.fromFiles(GIT + ref + ":" + dir, files));
    }

    /** A file in a git tree: its object name and its path from the repository's top. */
    private record Blob(String sha, String path) {}

    /** Each file in {@code git ls-tree -z} output (symbolic links and submodules left out). */
    private static List<Blob> blobs(byte[] lsTree) {
      List<Blob> blobs = new ArrayList<>();
      for (String entry : new String(lsTree, StandardCharsets.UTF_8).split("\0")) {
        int tab = entry.indexOf('\t');
        if (tab < 0) {
          continue;
        }
        String[] meta = entry.substring(0, tab).split(" ");
        if (meta.length == 3 && meta[1].equals("blob") && !meta[0].equals("120000")) {
          blobs.add(new Blob(meta[2], entry.substring(tab + 1)));
        }
      }
      return blobs;
    }

    private static int indexOf(byte[] bytes, byte b, int from) throws IOException {
      for (int i = from; i < bytes.length; i++) {
        if (bytes[i] == b) {
          return i;
        }
      }
      throw new IOException("git cat-file output ended early");
    }

    @Override
    public String toString() {
      return GIT + ref;
    }
  }
}
