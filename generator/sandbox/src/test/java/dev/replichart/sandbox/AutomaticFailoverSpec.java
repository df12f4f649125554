package dev.replichart.sandbox;

import dev.replichart.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The MariaDB example with automatic failover: its semi-sync timeout removed (automatic failover
 * waits for an acknowledgement without limit) and {@code failover.automatic: true}. The failover
 * tests and the recovery-time bench run this chart.
 */
final class AutomaticFailoverSpec {
  private AutomaticFailoverSpec() {}

  static Path write(Path dir) throws IOException {
    String example =
        Files.readString(
            TestFiles.repoRoot().resolve("examples/mariadb.yaml"), StandardCharsets.UTF_8);
    String timeout = "      timeout: 5s\n";
    String auth = "  auth:\n";
    if (!example.contains(timeout) || !example.contains(auth)) {
      throw new IllegalStateException(
          "examples/mariadb.yaml changed: update AutomaticFailoverSpec");
    }
    String spec =
        example.replace(timeout, "").replace(auth, "  failover:\n    automatic: true\n" + auth);
    Path file = dir.resolve("mariadb-automatic.yaml");
    Files.writeString(file, spec, StandardCharsets.UTF_8);
    return file;
  }
}
