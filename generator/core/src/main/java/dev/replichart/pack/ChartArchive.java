package dev.replichart.pack;

import dev.replichart.problem.Location;
import dev.replichart.problem.Problem;
import dev.replichart.problem.ProblemsException;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * A packaged chart: a gzip-compressed tar whose entries all sit under {@code <name>/}, the layout
 * {@code helm package} writes and Helm's loader reads. {@link #write} is byte-reproducible: entries
 * in path order, one fixed modification time ({@link #EPOCH}), owner 0:0 without names, mode 0644,
 * no directory entries (Helm writes none either), and a gzip header with neither time nor file
 * name. {@link #read} is the reverse, for {@code diff}; it accepts what Helm and other tar writers
 * produce (ustar, PAX and GNU long names) and refuses paths that leave the chart.
 */
public final class ChartArchive {
  /**
   * The modification time of every entry: 1980-01-01T00:00:00Z, the earliest time every archive
   * format can hold. Not the clock, and deliberately not {@code SOURCE_DATE_EPOCH} either: that is
   * usually the commit time, which changes with every commit even when the chart does not, and the
   * digest of a released chart version must not change (see {@link ChartPackager}).
   */
  public static final Instant EPOCH = Instant.parse("1980-01-01T00:00:00Z");

  private static final int BLOCK = 512;

  private ChartArchive() {}

  /** What a packaged chart holds. */
  public record Contents(String directory, SortedMap<String, byte[]> files) {
    public Contents {
      files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    /** A file's text (UTF-8), or null when the archive lacks it. */
    public String text(String path) {
      byte[] data = files.get(path);
      return data == null ? null : new String(data, StandardCharsets.UTF_8);
    }
  }

  /**
   * The archive bytes for a chart named {@code name} with these chart-relative files.
   *
   * @throws IllegalArgumentException when a path cannot be stored in a ustar header (longer than
   *     255 bytes, or a last segment longer than 100); chart paths never are
   */
  public static byte[] write(String name, SortedMap<String, byte[]> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gzip = new GZIPOutputStream(bytes)) {
      // GZIPOutputStream writes MTIME 0, no FNAME: the header carries nothing of this run.
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        byte[] data = file.getValue();
        gzip.write(header(name + "/" + file.getKey(), data.length));
        gzip.write(data);
        gzip.write(new byte[padding(data.length)]);
      }
      gzip.write(new byte[2 * BLOCK]);
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  private static int padding(long size) {
    return (int) ((BLOCK - size % BLOCK) % BLOCK);
  }

  private static byte[] header(String path, long size) {
    byte[] h = new byte[BLOCK];
    byte[] full = path.getBytes(StandardCharsets.UTF_8);
    String prefix = "";
    String name = path;
    if (full.length > 100) {
      int split = path.lastIndexOf('/');
      while (split > 0
          && (path.substring(0, split).getBytes(StandardCharsets.UTF_8).length > 155
              || path.substring(split + 1).getBytes(StandardCharsets.UTF_8).length > 100)) {
        split = path.lastIndexOf('/', split - 1);
      }
      if (split <= 0) {
        throw new IllegalArgumentException("path too long for a ustar header: " + path);
      }
      prefix = path.substring(0, split);
      name = path.substring(split + 1);
    }
    put(h, 0, 100, name.getBytes(StandardCharsets.UTF_8));
    octal(h, 100, 8, 0644);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    octal(h, 124, 12, size);
    octal(h, 136, 12, EPOCH.getEpochSecond());
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    h[156] = '0';
    put(h, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
    put(h, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
    put(h, 345, 155, prefix.getBytes(StandardCharsets.UTF_8));
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    octal(h, 148, 7, sum);
    h[155] = ' ';
    return h;
  }

  private static void put(byte[] h, int at, int length, byte[] value) {
    System.arraycopy(value, 0, h, at, Math.min(length, value.length));
  }

  /** Zero-padded octal digits filling {@code length - 1} bytes, then NUL. */
  private static void octal(byte[] h, int at, int length, long value) {
    String digits = Long.toOctalString(value);
    String padded = "0".repeat(length - 1 - digits.length()) + digits;
    put(h, at, length - 1, padded.getBytes(StandardCharsets.US_ASCII));
    h[at + length - 1] = 0;
  }

  /**
   * Reads a packaged chart: its top-level directory and its files relative to it.
   *
   * @throws ProblemsException when the file is not a gzip-compressed tar, is larger than Helm
   *     accepts, or holds a path outside its chart directory or entries under more than one
   */
  public static Contents read(Path archive) throws ProblemsException, IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
      return read(archive, in);
    } catch (ZipException | EOFException e) {
      throw problem(archive, "not a gzip-compressed tar archive (" + e.getMessage() + ")");
    }
  }

  private static Contents read(Path archive, InputStream in) throws ProblemsException, IOException {
    SortedMap<String, byte[]> files = new TreeMap<>();
    String directory = null;
    String longName = null;
    long total = 0;
    byte[] h = new byte[BLOCK];
    while (true) {
      if (in.readNBytes(h, 0, BLOCK) < BLOCK || isZero(h)) {
        break;
      }
      if (!checksumMatches(h)) {
        throw problem(archive, "not a tar archive (a header's checksum does not match)");
      }
      long size = parseOctal(h, 124, 12);
      if (size < 0 || size > ChartFiles.MAX_FILE_SIZE) {
        throw problem(archive, "an entry is larger than Helm's limit of 5 MiB per chart file");
      }
      byte[] data = in.readNBytes((int) size);
      if (data.length < size) {
        throw problem(archive, "truncated tar archive");
      }
      in.skipNBytes(padding(size));
      char type = (char) h[156];
      String path = headerPath(h);
      switch (type) {
        case 'x' -> {
          longName = paxPath(data);
          continue;
        }
        case 'L' -> {
          longName = cString(data, 0, data.length);
          continue;
        }
        case '0', '\0', '7' -> {
          // a regular file; handled below
        }
        default -> {
          // directories, links, global PAX headers: nothing a chart needs
          longName = null;
          continue;
        }
      }
      if (longName != null) {
        path = longName;
        longName = null;
      }
      String clean = path.replace('\\', '/');
      while (clean.startsWith("./")) {
        clean = clean.substring(2);
      }
      int slash = clean.indexOf('/');
      if (clean.startsWith("/") || slash <= 0 || List.of(clean.split("/")).contains("..")) {
        throw problem(archive, "entry '" + Problem.echo(path) + "' is outside a chart directory");
      }
      String top = clean.substring(0, slash);
      if (directory == null) {
        directory = top;
      } else if (!directory.equals(top)) {
        throw problem(
            archive,
            "entries under two directories ('"
                + Problem.echo(directory)
                + "', '"
                + Problem.echo(top)
                + "'): a packaged chart has one");
      }
      total += size;
      if (total > ChartFiles.MAX_CHART_SIZE) {
        throw problem(archive, "larger than Helm's limit of 100 MiB per chart");
      }
      files.put(clean.substring(slash + 1), ChartFiles.stripBom(data));
    }
    if (directory == null) {
      throw problem(archive, "an empty archive: no chart in it");
    }
    return new Contents(directory, files);
  }

  private static String headerPath(byte[] h) {
    String name = cString(h, 0, 100);
    String magic = cString(h, 257, 6);
    String prefix = magic.startsWith("ustar") ? cString(h, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  /** The {@code path} record of a PAX extended header, or null. */
  private static String paxPath(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    for (String record : text.split("\n")) {
      int space = record.indexOf(' ');
      if (space > 0 && record.startsWith("path=", space + 1)) {
        return record.substring(space + 1 + "path=".length());
      }
    }
    return null;
  }

  private static String cString(byte[] b, int at, int length) {
    int end = at;
    while (end < at + length && b[end] != 0) {
      end++;
    }
    return new String(b, at, end - at, StandardCharsets.UTF_8);
  }

  private static long parseOctal(byte[] b, int at, int length) {
    String text = cString(b, at, length).trim();
    if (text.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(text, 8);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean checksumMatches(byte[] h) {
    long stored = parseOctal(h, 148, 8);
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
    }
    return stored == sum;
  }

  private static boolean isZero(byte[] h) {
    for (byte b : h) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static ProblemsException problem(Path archive, String message) {
    return new ProblemsException(
        List.of(
            new Problem(Location.ofFile(archive.toString()), "", message, "", "CHART-ARCHIVE")));
  }
}
