package dev.replichart.sandbox;

import dev.replichart.plan.ChartDescription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The programs each container may call, as the chart's description lists them for the image the
 * container runs on. Each image becomes a directory of links to exactly those host programs, used
 * as the container's only PATH: a script that calls something its image lacks fails here as it
 * would in a cluster. Looked up by container name, so a values file that changes an image's tag
 * changes nothing here.
 */
final class ImagePrograms {
  private final ChartDescription description;
  private final Path root;
  private final Map<String, Path> dirs = new ConcurrentHashMap<>();

  /**
   * @param root where the directory of each image is made
   */
  ImagePrograms(ChartDescription description, Path root) {
    this.description = description;
    this.root = root;
  }

  /** The PATH directory of a container: its image's programs, made on first use. */
  Path binDir(String container) {
    ChartDescription.Image image;
    try {
      image = description.imageOf(container);
    } catch (IllegalArgumentException e) {
      throw new SandboxException(e.getMessage() + "; regenerate the chart with this replichart");
    }
    return dirs.computeIfAbsent(
        image.role(),
        role -> {
          try {
            return binDir(image.programs(), root.resolve(role));
          } catch (IOException e) {
            throw new SandboxException(
                "cannot prepare image " + image.reference() + ": " + e.getMessage());
          }
        });
  }

  /**
   * Creates {@code dir} with a link to the host program for each program. The MariaDB flavor's
   * names are the host's; a program the host lacks is a missing prerequisite.
   */
  private static Path binDir(List<String> programs, Path dir) throws IOException {
    Files.createDirectories(dir);
    for (String program : programs) {
      Path link = dir.resolve(program);
      if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      Files.createSymbolicLink(link, hostProgram(program));
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
            + " (mariadb-server, mariadb-backup, socat, openssl)");
  }
}
