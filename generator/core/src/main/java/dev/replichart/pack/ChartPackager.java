package dev.replichart.pack;

import dev.replichart.Directories;
import dev.replichart.pipeline.ChartGenerator;
import dev.replichart.problem.Location;
import dev.replichart.problem.Problem;
import dev.replichart.problem.ProblemsException;
import dev.replichart.render.ChartWriter;
import dev.replichart.render.RenderedChart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.regex.Pattern;

/**
 * {@code replichart package}: writes {@code DIST/<name>-<version>.tgz} ({@link ChartArchive}) and
 * adds it to {@code DIST/index.yaml}, so DIST can be served as a Helm chart repository.
 *
 * <p>A released version must not change under its users: when DIST already holds this name and
 * version with another digest (in the index, or as an archive file), packaging is refused with a
 * located problem unless {@code force} is given; packaging the same chart again changes nothing.
 * Each file is written to a temporary sibling and moved into place, the archive before the index,
 * so a reader of DIST never sees an index entry without its archive.
 */
public final class ChartPackager {
  /** Check ID of the refusal to change a released version. */
  public static final String RELEASED_VERSION_CHANGED = "PACKAGE-VERSION-CHANGED";

  private static final Pattern SPEC_KIND = Pattern.compile("(?m)^kind:\\s*[\"']?MySQLCluster\\b");

  private ChartGenerator generator;

  /** What became of a packaging. */
  public enum Outcome {
    /** A new name and version: archive written, index entry added. */
    ADDED,
    /** The same name, version and digest were already there: nothing rewritten. */
    UNCHANGED,
    /** {@code force}: a released version's archive and entry were replaced. */
    REPLACED
  }

  /**
   * One packaged chart.
   *
   * @param archive the {@code .tgz} in DIST
   * @param index DIST's {@code index.yaml}
   * @param digest the archive's sha256, hex, as the index records it
   */
  public record Packaged(
      String name, String version, Path archive, Path index, String digest, Outcome outcome) {}

  /**
   * Whether {@code file} is a {@code kind: MySQLCluster} spec rather than a chart: a regular file
   * whose top-level {@code kind} says so.
   */
  public static boolean isSpec(Path file) throws IOException {
    if (!Files.isRegularFile(file) || Files.size(file) > 1024 * 1024) {
      return false;
    }
    return SPEC_KIND.matcher(Files.readString(file, StandardCharsets.UTF_8)).find();
  }

  /**
   * Packages {@code chart} — a chart directory, or a spec file that is rendered and checked by
   * every validation layer first — into {@code dist} (created when missing).
   *
   * @param force replace a released name and version whose digest differs
   * @throws ProblemsException for a bad spec or chart, or a refused change of a released version
   */
  public Packaged pack(Path chart, Path dist, boolean force) throws ProblemsException, IOException {
    if (Files.isDirectory(chart)) {
      return pack(ChartFiles.read(chart), chart.resolve("Chart.yaml").toString(), dist, force);
    }
    if (!isSpec(chart)) {
      throw new ProblemsException(
          List.of(
              new Problem(
                  Location.ofFile(chart.toString()),
                  "",
                  Files.exists(chart)
                      ? "neither a chart directory nor a MySQLCluster spec"
                      : "no such file or directory",
                  "",
                  "CHART-NOT-FOUND")));
    }
    Path staging = Files.createTempDirectory("replichart-package-");
    try {
      RenderedChart rendered = generator().render(chart);
      Path dir = staging.resolve(rendered.name());
      Files.createDirectories(dir);
      ChartWriter.writeFiles(rendered, dir);
      List<Problem> problems = generator().validator().check(dir, List.of()).problems();
      if (!problems.isEmpty()) {
        throw new ProblemsException(problems);
      }
      return pack(ChartFiles.read(dir), chart.toString(), dist, force);
    } finally {
      Directories.deleteTree(staging);
    }
  }

  private ChartGenerator generator() {
    if (generator == null) {
      generator = new ChartGenerator();
    }
    return generator;
  }

  private static Packaged pack(
      SortedMap<String, byte[]> files, String chartYaml, Path dist, boolean force)
      throws ProblemsException, IOException {
    ChartMetadata metadata = ChartMetadata.parse(chartYaml, files.get("Chart.yaml"));
    byte[] archive = ChartArchive.write(metadata.name(), files);
    String digest = sha256(archive);
    Files.createDirectories(dist);
    Path archiveFile = dist.resolve(metadata.archiveName());
    Path indexFile = dist.resolve("index.yaml");
    RepositoryIndex index = RepositoryIndex.read(indexFile);
    Optional<String> released =
        index.find(metadata.name(), metadata.version()).map(e -> e.path("digest").asText(""));
    byte[] existing = Files.isRegularFile(archiveFile) ? Files.readAllBytes(archiveFile) : null;
    boolean sameArchive = existing != null && Arrays.equals(existing, archive);
    boolean sameEntry = released.isPresent() && released.get().equals(digest);
    if (sameArchive && sameEntry) {
      return new Packaged(
          metadata.name(), metadata.version(), archiveFile, indexFile, digest, Outcome.UNCHANGED);
    }
    String before =
        released
            .filter(d -> !d.equals(digest))
            .orElse(existing != null && !sameArchive ? sha256(existing) : null);
    if (before != null && !force) {
      throw new ProblemsException(
          List.of(
              new Problem(
                  Location.ofFile(
                      released.isPresent() ? indexFile.toString() : archiveFile.toString()),
                  "entries." + metadata.name(),
                  metadata.name()
                      + " "
                      + metadata.version()
                      + " is already released with digest "
                      + before
                      + "; this chart's archive has digest "
                      + digest
                      + ": a released version must not change",
                  "bump the chart version (chart.version in the spec, or version in "
                      + chartYaml
                      + "), or pass --force to replace the release (users who have it will not"
                      + " see the change)",
                  RELEASED_VERSION_CHANGED)));
    }
    index.put(metadata, digest, ChartArchive.EPOCH);
    writeAtomically(archiveFile, archive);
    writeAtomically(indexFile, index.toBytes());
    return new Packaged(
        metadata.name(),
        metadata.version(),
        archiveFile,
        indexFile,
        digest,
        before != null ? Outcome.REPLACED : Outcome.ADDED);
  }

  /** Hex sha256 of the bytes, the form of an index entry's {@code digest}. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      Files.write(temp, bytes);
      readableByAll(temp);
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** A repository is served to others: rw-r--r--, not the 0600 of a temporary file. */
  private static void readableByAll(Path file) throws IOException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
  }
}
