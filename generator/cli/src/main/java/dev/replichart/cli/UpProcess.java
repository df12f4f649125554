package dev.replichart.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The process that runs {@code sandbox up}, recorded in the state directory so that {@code sandbox
 * down} from another shell can stop it before removing what it would otherwise keep restarting.
 */
final class UpProcess {
  private static final String FILE = "up.pid";

  private UpProcess() {}

  static void write(Path stateDir) throws IOException {
    Files.writeString(
        stateDir.resolve(FILE), ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
  }

  /** The running {@code up} process of this state directory, if there is one. */
  static Optional<ProcessHandle> read(Path stateDir) {
    try {
      long pid = Long.parseLong(Files.readString(stateDir.resolve(FILE)).trim());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Waits for {@code up} to close its sandbox and exit; asks it to stop (SIGTERM, which runs its
   * shutdown hook) if it has not within {@code timeout}, and kills it as a last resort.
   */
  static void awaitExit(ProcessHandle up, Duration timeout) throws InterruptedException {
    if (waitFor(up, timeout)) {
      return;
    }
    up.destroy();
    if (!waitFor(up, Duration.ofSeconds(30))) {
      up.destroyForcibly();
      waitFor(up, Duration.ofSeconds(10));
    }
  }

  private static boolean waitFor(ProcessHandle process, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (process.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    return !process.isAlive();
  }
}
