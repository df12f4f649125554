package dev.replichart.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs host commands for the sandbox (ip, mount helpers, the MariaDB client). */
public final class Shell {
  private static final ExecutorService READERS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "shell-output");
            t.setDaemon(true);
            return t;
          });

  private Shell() {}

  /** The result of a command. */
  public record Result(int exitCode, String output) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  /**
   * Runs a command with a bound on its whole life. The output is read by another thread so that the
   * bound holds even when the command never closes its output; on expiry the command and every
   * process it started are killed.
   */
  static Result run(List<String> command, String stdin, long timeoutSeconds) {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return new Result(127, command.get(0) + ": " + e.getMessage());
    }
    CompletableFuture<byte[]> output =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return p.getInputStream().readAllBytes();
              } catch (IOException e) {
                return new byte[0];
              }
            },
            READERS);
    try {
      try {
        if (stdin != null) {
          p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
      } catch (IOException e) {
        // the command exited without reading its input; its exit code tells the rest
      }
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        kill(p);
        return new Result(124, text(output, 1) + "\n(timed out after " + timeoutSeconds + " s)");
      }
      return new Result(p.exitValue(), text(output, 5));
    } catch (InterruptedException e) {
      kill(p);
      Thread.currentThread().interrupt();
      return new Result(130, "interrupted");
    }
  }

  /** The output so far; a daemon the command left behind may hold the pipe open, so not forever. */
  private static String text(CompletableFuture<byte[]> output, long seconds) {
    try {
      return new String(output.get(seconds, TimeUnit.SECONDS), StandardCharsets.UTF_8);
    } catch (TimeoutException | ExecutionException e) {
      output.cancel(true);
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }

  static Result run(String... command) {
    return run(List.of(command), null, 60);
  }

  /** Runs a command that must succeed. */
  static String must(String... command) {
    Result r = run(command);
    if (!r.ok()) {
      throw new SandboxException(String.join(" ", command) + " failed: " + r.output().trim());
    }
    return r.output();
  }
}
