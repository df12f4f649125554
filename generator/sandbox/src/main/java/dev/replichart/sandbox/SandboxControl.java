package dev.replichart.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * How {@code replichart sandbox COMMAND} reaches the {@code sandbox up} process that supervises the
 * pods: a request file in the state directory ({@code OP ARG…}, one per line), answered by a
 * response file (exit code, then output). Files, because the supervisor and the CLI may sit in
 * different shells, and both can read the state directory.
 */
public final class SandboxControl {
  private SandboxControl() {}

  static Path dir(Path stateDir) {
    return stateDir.resolve("control");
  }

  /** Sends one request and waits for its answer. */
  public static Shell.Result request(Path stateDir, List<String> words, long timeoutSeconds)
      throws IOException, InterruptedException {
    Path control = dir(stateDir);
    if (!Files.isDirectory(control)) {
      return new Shell.Result(
          2,
          "no sandbox is running with state in "
              + stateDir
              + " (start one with: replichart sandbox up CHART_DIR)");
    }
    String id = UUID.randomUUID().toString();
    Path tmp = control.resolve(id + ".tmp");
    Files.writeString(tmp, String.join("\n", words) + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, control.resolve(id + ".request"), StandardCopyOption.ATOMIC_MOVE);
    Path response = control.resolve(id + ".response");
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (Files.exists(response)) {
        List<String> lines = Files.readAllLines(response, StandardCharsets.UTF_8);
        Files.deleteIfExists(response);
        int code = Integer.parseInt(lines.get(0));
        return new Shell.Result(code, String.join("\n", lines.subList(1, lines.size())));
      }
      Thread.sleep(200);
    }
    return new Shell.Result(2, "the sandbox did not answer within " + timeoutSeconds + "s");
  }

  /** Answers every pending request (called by the supervisor). Returns false after "down". */
  static boolean serve(Sandbox sandbox) throws IOException {
    Path control = dir(sandbox.stateDir());
    List<Path> requests;
    try (Stream<Path> files = Files.list(control)) {
      requests = files.filter(p -> p.toString().endsWith(".request")).sorted().toList();
    }
    boolean keepRunning = true;
    for (Path request : requests) {
      List<String> words = Files.readAllLines(request, StandardCharsets.UTF_8);
      Files.delete(request);
      Shell.Result result;
      try {
        result = execute(sandbox, words);
      } catch (SandboxException | IOException e) {
        result = new Shell.Result(1, e.getMessage());
      }
      if (!words.isEmpty() && words.get(0).equals("down")) {
        keepRunning = false;
      }
      String id = request.getFileName().toString().replace(".request", "");
      Path tmp = control.resolve(id + ".tmp-response");
      Files.writeString(tmp, result.exitCode() + "\n" + result.output(), StandardCharsets.UTF_8);
      Files.move(tmp, control.resolve(id + ".response"), StandardCopyOption.ATOMIC_MOVE);
    }
    return keepRunning;
  }

  private static Shell.Result execute(Sandbox sandbox, List<String> words) throws IOException {
    String op = words.isEmpty() ? "" : words.get(0);
    List<String> args = new ArrayList<>(words.subList(Math.min(1, words.size()), words.size()));
    switch (op) {
      case "status":
        return new Shell.Result(
            0, String.join("\n", sandbox.status()) + "\nstate: " + sandbox.stateDir());
      case "sql":
        return sandbox.sql(args.get(0), args.get(1));
      case "scale":
        sandbox.scale(Integer.parseInt(args.get(0)));
        break;
      case "kill":
        if (args.size() > 1) {
          sandbox.kill(args.get(0), args.get(1));
        } else {
          sandbox.kill(args.get(0));
        }
        break;
      case "restart":
        sandbox.restart(args.get(0));
        break;
      case "wipe":
        sandbox.wipe(args.get(0));
        break;
      case "partition":
        sandbox.partition(args.get(0));
        break;
      case "heal":
        sandbox.heal(args.get(0));
        break;
      case "down":
        return new Shell.Result(0, "stopping");
      default:
        return new Shell.Result(2, "unknown sandbox operation '" + op + "'");
    }
    return new Shell.Result(0, op + " " + String.join(" ", args) + ": done");
  }
}
