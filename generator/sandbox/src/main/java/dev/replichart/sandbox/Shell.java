package dev.replichart.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs host commands for the sandbox (ip, mount helpers, the MariaDB client). */
public final class Shell {
  private Shell() {}

  /** The result of a command. */
  public record Result(int exitCode, String output) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  static Result run(List<String> command, String stdin, long timeoutSeconds) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (stdin != null) {
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(124, new String(out, StandardCharsets.UTF_8) + "\n(timed out)");
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Result(127, command.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(130, "interrupted");
    }
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
