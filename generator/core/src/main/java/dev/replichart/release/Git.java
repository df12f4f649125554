package dev.replichart.release;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** The git command, run in a directory; its output as bytes. No shell, no library. */
final class Git {
  /**
   * What a git command gave.
   *
   * @param exitCode its exit code
   * @param out standard output
   * @param err standard error, as text
   */
  record Result(int exitCode, byte[] out, String err) {
    boolean ok() {
      return exitCode == 0;
    }

    String text() {
      return new String(out, StandardCharsets.UTF_8).strip();
    }
  }

  private final Path directory;

  Git(Path directory) {
    this.directory = directory;
  }

  /**
   * Runs {@code git ARGS}, writing {@code input} to its standard input.
   *
   * @throws IOException when git cannot be started (not installed) or a stream fails
   */
  Result run(byte[] input, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    // a user's pager, prompt or locale must not change what we parse
    builder.environment().put("GIT_PAGER", "cat");
    builder.environment().put("GIT_TERMINAL_PROMPT", "0");
    builder.environment().put("LC_ALL", "C");
    Process process = builder.start();
    CompletableFuture<byte[]> err =
        CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
    CompletableFuture<Void> in =
        CompletableFuture.runAsync(
            () -> {
              try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input);
              } catch (IOException e) {
                // git stopped reading: its exit code tells why
              }
            });
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream stdout = process.getInputStream()) {
      stdout.transferTo(out);
    }
    try {
      int exit = process.waitFor();
      in.get();
      return new Result(
          exit, out.toByteArray(), new String(err.get(), StandardCharsets.UTF_8).strip());
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while git ran", e);
    } catch (ExecutionException e) {
      throw new IOException("reading git's output failed", e.getCause());
    }
  }

  Result run(String... args) throws IOException {
    return run(new byte[0], args);
  }

  private static byte[] drain(InputStream stream) {
    try (InputStream s = stream) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      s.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
