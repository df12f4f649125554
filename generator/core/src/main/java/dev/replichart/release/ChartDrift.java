package dev.replichart.release;

import dev.replichart.problem.Location;
import dev.replichart.problem.Problem;
import dev.replichart.render.RenderedChart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * How a chart directory on disk differs from the chart a spec renders, byte for byte: files whose
 * bytes differ, files the spec renders that are missing, and files it does not render.
 *
 * @param directory the chart directory compared
 * @param exists whether the directory exists at all
 * @param differing paths whose bytes differ, sorted
 * @param missing paths rendered but absent, sorted
 * @param extra paths present but not rendered, sorted
 */
public record ChartDrift(
    Path directory,
    boolean exists,
    List<String> differing,
    List<String> missing,
    List<String> extra) {

  public ChartDrift {
    differing = List.copyOf(differing);
    missing = List.copyOf(missing);
    extra = List.copyOf(extra);
  }

  /** Compares {@code directory} with {@code rendered}. */
  public static ChartDrift compare(RenderedChart rendered, Path directory) throws IOException {
    SortedMap<String, byte[]> onDisk = ChartSnapshot.readBytes(directory);
    List<String> differing = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, String> file : rendered.files().entrySet()) {
      byte[] present = onDisk.get(file.getKey());
      if (present == null) {
        missing.add(file.getKey());
      } else if (!Arrays.equals(present, file.getValue().getBytes(StandardCharsets.UTF_8))) {
        differing.add(file.getKey());
      }
    }
    List<String> extra =
        onDisk.keySet().stream().filter(p -> !rendered.files().containsKey(p)).toList();
    return new ChartDrift(directory, Files.isDirectory(directory), differing, missing, extra);
  }

  /** Whether the directory holds exactly the rendered files. */
  public boolean upToDate() {
    return exists && differing.isEmpty() && missing.isEmpty() && extra.isEmpty();
  }

  /**
   * One {@link ReleaseRule#CHART_STALE} problem per file that differs, is missing or is extra, or
   * one for the whole directory when it does not exist.
   *
   * @param spec the spec as the user names it
   * @param regenerate the command that brings the directory up to date, for the hint
   */
  public List<Problem> problems(String spec, String regenerate) {
    String hint = "run " + regenerate + " and commit the result";
    String rule = ReleaseRule.CHART_STALE.id();
    if (!exists) {
      return List.of(
          new Problem(
              Location.ofFile(directory.toString()),
              "",
              "the chart directory does not exist; " + spec + " renders a chart there",
              hint,
              rule));
    }
    List<Problem> problems = new ArrayList<>();
    for (String path : differing) {
      problems.add(problem(path, "differs from what " + spec + " renders", hint, rule));
    }
    for (String path : missing) {
      problems.add(problem(path, "is missing; " + spec + " renders it", hint, rule));
    }
    for (String path : extra) {
      problems.add(
          problem(
              path,
              "is not part of the chart " + spec + " renders",
              "remove it, or " + hint + " (the chart directory is generated, never edited)",
              rule));
    }
    return problems;
  }

  private Problem problem(String path, String message, String hint, String rule) {
    return new Problem(
        Location.ofFile(directory.resolve(path).toString()), "", message, hint, rule);
  }
}
