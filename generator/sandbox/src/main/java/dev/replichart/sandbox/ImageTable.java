package dev.replichart.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chart README's table "image → programs its containers call", read back by the sandbox. Each
 * image becomes a directory of links to exactly those host programs, used as the container's only
 * PATH: a script that calls something its image lacks fails here as it would in a cluster.
 */
final class ImageTable {
  private static final Pattern ROW =
      Pattern.compile("^\\| `([^`]+)` \\(([a-z]+)\\) \\| ([^|]+) \\| ([^|]+) \\|$");

  private final Map<String, List<String>> programsByImage;

  private ImageTable(Map<String, List<String>> programsByImage) {
    this.programsByImage = programsByImage;
  }

  static ImageTable read(Path chartDir) throws IOException {
    Map<String, List<String>> table = new LinkedHashMap<>();
    for (String line : Files.readAllLines(chartDir.resolve("README.md"), StandardCharsets.UTF_8)) {
      Matcher m = ROW.matcher(line.trim());
      if (m.matches()) {
        table.put(m.group(1), Arrays.stream(m.group(4).split(",")).map(String::trim).toList());
      }
    }
    if (table.isEmpty()) {
      throw new SandboxException(
          chartDir.resolve("README.md") + " has no image table; is this a replichart chart?");
    }
    return new ImageTable(table);
  }

  List<String> programs(String image) {
    List<String> programs = programsByImage.get(image);
    if (programs == null) {
      throw new SandboxException(
          "image "
              + image
              + " is not in the chart README's image table "
              + programsByImage.keySet());
    }
    return programs;
  }

  /**
   * Creates {@code dir} with a link to the host program for each program of the image. The MariaDB
   * flavor's names are the host's; a program the host lacks is a missing prerequisite.
   */
  Path binDir(String image, Path dir) throws IOException {
    Files.createDirectories(dir);
    for (String program : programs(image)) {
      Path link = dir.resolve(program);
      if (Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      Path host = hostProgram(program);
      Files.createSymbolicLink(link, host);
    }
    return dir;
  }

  static Path hostProgram(String program) {
    for (String dir :
        List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin")) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new SandboxException(
        "the host has no '"
            + program
            + "'; install the Debian packages of `make deps`"
            + " (mariadb-server, mariadb-backup, ncat, curl)");
  }
}
