package dev.replichart.pack;

import dev.replichart.problem.Location;
import dev.replichart.problem.Problem;
import dev.replichart.problem.ProblemsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The files of a chart directory as Helm loads them ({@code loader.LoadDir}): every regular file
 * the {@code .helmignore} rules keep, by chart-relative path with {@code /}, a UTF-8 byte order
 * mark dropped. Sorted by path, so nothing depends on the file system's order.
 */
public final class ChartFiles {
  /** Helm's {@code MaxDecompressedFileSize}: no chart file may be larger. */
  static final long MAX_FILE_SIZE = 5L * 1024 * 1024;

  /** Helm's {@code MaxDecompressedChartSize}. */
  static final long MAX_CHART_SIZE = 100L * 1024 * 1024;

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private ChartFiles() {}

  /**
   * Reads the chart in {@code dir}.
   *
   * @throws ProblemsException when {@code dir} has no Chart.yaml, or holds a file Helm refuses
   *     (larger than 5 MiB, not a regular file)
   */
  public static SortedMap<String, byte[]> read(Path dir) throws ProblemsException, IOException {
    if (!Files.isRegularFile(dir.resolve("Chart.yaml"))) {
      throw new ProblemsException(
          List.of(
              new Problem(
                  Location.ofFile(dir.toString()),
                  "",
                  "not a chart directory (no Chart.yaml)",
                  "",
                  "CHART-NOT-FOUND")));
    }
    Path ignoreFile = dir.resolve(".helmignore");
    HelmIgnore ignore =
        HelmIgnore.parse(
            Files.isRegularFile(ignoreFile)
                ? Files.readString(ignoreFile, StandardCharsets.UTF_8)
                : "");
    SortedMap<String, byte[]> files = new TreeMap<>();
    List<Problem> problems = new java.util.ArrayList<>();
    long[] total = {0};
    Files.walkFileTree(
        dir,
        EnumSet.of(FileVisitOption.FOLLOW_LINKS),
        Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
            String name = relative(dir, d);
            return ignore.ignores(name, true)
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
            String name = relative(dir, f);
            if (ignore.ignores(name, false)) {
              return FileVisitResult.CONTINUE;
            }
            if (!attrs.isRegularFile()) {
              problems.add(refused(f, "not a regular file; Helm cannot load it"));
            } else if (attrs.size() > MAX_FILE_SIZE) {
              problems.add(refused(f, "larger than Helm's limit of 5 MiB per chart file"));
            } else {
              byte[] data = stripBom(Files.readAllBytes(f));
              total[0] += data.length;
              files.put(name, data);
            }
            return FileVisitResult.CONTINUE;
          }
        });
    if (total[0] > MAX_CHART_SIZE) {
      problems.add(refused(dir, "larger than Helm's limit of 100 MiB per chart"));
    }
    if (!problems.isEmpty()) {
      throw new ProblemsException(problems);
    }
    return Collections.unmodifiableSortedMap(files);
  }

  static byte[] stripBom(byte[] data) {
    if (data.length >= 3 && Arrays.equals(data, 0, 3, BOM, 0, 3)) {
      return Arrays.copyOfRange(data, 3, data.length);
    }
    return data;
  }

  private static String relative(Path dir, Path file) {
    return dir.relativize(file).toString().replace(java.io.File.separatorChar, '/');
  }

  private static Problem refused(Path file, String message) {
    return new Problem(Location.ofFile(file.toString()), "", message, "", "CHART-FILE");
  }
}
