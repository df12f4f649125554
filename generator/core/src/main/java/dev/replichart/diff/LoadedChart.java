package dev.replichart.diff;

import dev.replichart.Directories;
import dev.replichart.pack.ChartArchive;
import dev.replichart.pack.ChartFiles;
import dev.replichart.pipeline.ChartGenerator;
import dev.replichart.problem.Location;
import dev.replichart.problem.Problem;
import dev.replichart.problem.ProblemsException;
import dev.replichart.render.ChartWriter;
import dev.replichart.render.RenderedChart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;

/**
 * A {@link ChartSource} made ready to compare: its files, the path Helm renders (the directory, or
 * the archive itself, which Helm reads), and a directory with the files on disk for locating
 * problems in templates. Archives and specs are unpacked into a temporary directory, removed by
 * {@link #close}; problems name them {@code <archive or spec>!/<chart path>}.
 */
final class LoadedChart implements AutoCloseable {
  private final ChartSource source;
  private final SortedMap<String, byte[]> files;
  private final Path renderPath;
  private final Path filesDir;
  private final Path temp;

  private LoadedChart(
      ChartSource source,
      SortedMap<String, byte[]> files,
      Path renderPath,
      Path filesDir,
      Path temp) {
    this.source = source;
    this.files = files;
    this.renderPath = renderPath;
    this.filesDir = filesDir;
    this.temp = temp;
  }

  static LoadedChart load(ChartSource source, ChartGenerator generator)
      throws ProblemsException, IOException {
    if (source instanceof ChartSource.Directory dir) {
      return new LoadedChart(source, ChartFiles.read(dir.path()), dir.path(), dir.path(), null);
    }
    Path temp = Files.createTempDirectory("replichart-diff-");
    try {
      if (source instanceof ChartSource.Archive archive) {
        ChartArchive.Contents contents = ChartArchive.read(archive.path());
        Path dir = temp.resolve("chart");
        for (Map.Entry<String, byte[]> file : contents.files().entrySet()) {
          Path target = dir.resolve(file.getKey()).normalize();
          if (!target.startsWith(dir)) {
            continue; // ChartArchive.read refuses such paths; never write outside
          }
          Files.createDirectories(target.getParent());
          Files.write(target, file.getValue());
        }
        return new LoadedChart(source, contents.files(), archive.path(), dir, temp);
      }
      RenderedChart rendered = generator.render(source.path());
      Path dir = temp.resolve(rendered.name());
      Files.createDirectories(dir);
      ChartWriter.writeFiles(rendered, dir);
      return new LoadedChart(source, ChartFiles.read(dir), dir, dir, temp);
    } catch (ProblemsException | IOException | RuntimeException e) {
      Directories.deleteTree(temp);
      throw e;
    }
  }

  ChartSource source() {
    return source;
  }

  SortedMap<String, byte[]> files() {
    return files;
  }

  Path renderPath() {
    return renderPath;
  }

  Path filesDir() {
    return filesDir;
  }

  /** How problems name a chart file: on disk for a directory, else inside the archive or spec. */
  String display(String chartPath) {
    if (source instanceof ChartSource.Directory dir) {
      return dir.path().resolve(chartPath).toString();
    }
    return source.path() + "!/" + chartPath;
  }

  /** A problem located in the temporary copy, renamed as {@link #display} names it. */
  Problem relocate(Problem problem) {
    String file = problem.location().file();
    String prefix = filesDir.toString() + "/";
    if (temp == null || !file.startsWith(prefix) && !file.equals(filesDir.toString())) {
      return problem;
    }
    String inChart = file.equals(filesDir.toString()) ? "" : file.substring(prefix.length());
    String shown = inChart.isEmpty() ? source.path().toString() : display(inChart);
    Location moved = new Location(shown, problem.location().line(), problem.location().column());
    return new Problem(
        moved,
        problem.object(),
        problem.path(),
        problem.message(),
        problem.hint(),
        problem.checkId());
  }

  @Override
  public void close() throws IOException {
    if (temp != null) {
      Directories.deleteTree(temp);
    }
  }
}
