package dev.replichart.sandbox;

import dev.replichart.kube.JobEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;

/**
 * How {@code replichart sandbox COMMAND} reaches the {@code sandbox up} process that supervises the
 * pods: a request file in the state directory ({@code OP ARG…}, one per line), answered by a
 * response file (exit code, then output). Files, because the supervisor and the CLI may sit in
 * different shells, and both can read the state directory.
 */
public final class SandboxControl {
  /** Operations that last longer than a status refresh: answered in the background. */
  private static final Set<String> LASTING = Set.of("job", "write");

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

  /**
   * Answers every pending request (called by the supervisor). Requests that last (a Job run) are
   * answered from {@code background}, so that the status and other requests go on meanwhile.
   * Returns false after "down".
   */
  static boolean serve(Sandbox sandbox, ExecutorService background) throws IOException {
    Path control = dir(sandbox.stateDir());
    List<Path> requests;
    try (Stream<Path> files = Files.list(control)) {
      requests = files.filter(p -> p.toString().endsWith(".request")).sorted().toList();
    }
    boolean keepRunning = true;
    for (Path request : requests) {
      List<String> words = Files.readAllLines(request, StandardCharsets.UTF_8);
      Files.delete(request);
      String id = request.getFileName().toString().replace(".request", "");
      String op = words.isEmpty() ? "" : words.get(0);
      if (LASTING.contains(op)) {
        background.submit(
            () -> {
              respond(control, id, answer(sandbox, words));
              return null;
            });
        continue;
      }
      respond(control, id, answer(sandbox, words));
      if (op.equals("down")) {
        keepRunning = false;
      }
    }
    return keepRunning;
  }

  /**
   * Writes through the primary Service for {@code duration}, then says what was acknowledged, what
   * failed, the longest time without an acknowledgement, and how many acknowledged ids the pod
   * behind the primary Service now lacks.
   */
  private static Shell.Result writeFor(Sandbox sandbox, Duration duration)
      throws IOException, InterruptedException {
    String service = sandbox.primaryService();
    WriteClient client = new WriteClient(sandbox, service);
    client.start();
    try {
      Thread.sleep(duration.toMillis());
    } finally {
      client.stop();
    }
    List<WriteClient.Ack> acks = client.acknowledged();
    List<WriteClient.Failure> failures = client.failures();
    StringBuilder out =
        new StringBuilder(
            "wrote through "
                + service
                + " into "
                + (client.table() == null ? "no table (no connection succeeded)" : client.table())
                + " for "
                + duration.toSeconds()
                + "s\n");
    out.append("acknowledged: ").append(acks.size());
    if (!acks.isEmpty()) {
      out.append(" (ids ")
          .append(acks.get(0).id())
          .append(" to ")
          .append(acks.get(acks.size() - 1).id())
          .append(')');
    }
    out.append("\nfailed: ").append(failures.size()).append('\n');
    failures.stream()
        .map(f -> "  " + (f.pod().isEmpty() ? "" : f.pod() + ": ") + f.error())
        .distinct()
        .limit(5)
        .forEach(line -> out.append(line).append('\n'));
    out.append(
        String.format(
            "longest gap without an acknowledgement: %.3fs%n",
            client.longestGap().toMillis() / 1000.0));
    List<String> primary = sandbox.endpoints(service);
    if (primary.isEmpty()) {
      out.append("no pod is behind ").append(service).append(" now to compare with");
      return new Shell.Result(0, "exit 1\n" + out);
    }
    if (acks.isEmpty()) {
      out.append("nothing was acknowledged to compare with ").append(primary.get(0));
      return new Shell.Result(0, "exit 1\n" + out);
    }
    int lacking = client.missingOn(primary.get(0)).size();
    out.append("the primary, ")
        .append(primary.get(0))
        .append(", lacks ")
        .append(lacking)
        .append(" of the acknowledged ids");
    return new Shell.Result(0, "exit " + (lacking == 0 ? 0 : 1) + "\n" + out);
  }

  private static void respond(Path control, String id, Shell.Result result) throws IOException {
    Path tmp = control.resolve(id + ".tmp-response");
    Files.writeString(tmp, result.exitCode() + "\n" + result.output(), StandardCharsets.UTF_8);
    Files.move(tmp, control.resolve(id + ".response"), StandardCopyOption.ATOMIC_MOVE);
  }

  private static Shell.Result answer(Sandbox sandbox, List<String> words) {
    try {
      return execute(sandbox, words);
    } catch (SandboxException | IOException e) {
      return new Shell.Result(1, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Shell.Result(2, "the sandbox is stopping");
    } catch (RuntimeException e) {
      return new Shell.Result(2, "bad request " + words + ": " + e);
    }
  }

  private static Shell.Result execute(Sandbox sandbox, List<String> words)
      throws IOException, InterruptedException {
    String op = words.isEmpty() ? "" : words.get(0);
    List<String> args = new ArrayList<>(words.subList(Math.min(1, words.size()), words.size()));
    switch (op) {
      case "write":
        // write MILLIS: answered "exit N" (1 when the primary lacks an acknowledged write), then
        // the summary
        return writeFor(sandbox, Duration.ofMillis(Long.parseLong(args.get(0))));
      case "job":
        {
          // job CRONJOB TIMEOUT_MILLIS [TARGET_POD]: answered "exit N", then the Job's log
          Map<String, String> env =
              args.size() > 2 ? Map.of(JobEnvironment.TARGET_POD, args.get(2)) : Map.of();
          Sandbox.JobRun run =
              sandbox.runJob(args.get(0), Duration.ofMillis(Long.parseLong(args.get(1))), env);
          return new Shell.Result(0, "exit " + run.exitCode() + "\n" + run.log());
        }
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
        if (args.size() > 1) {
          sandbox.partition(args.get(0), args.get(1));
        } else {
          sandbox.partition(args.get(0));
        }
        break;
      case "heal":
        if (args.size() > 1) {
          sandbox.heal(args.get(0), args.get(1));
        } else {
          sandbox.heal(args.get(0));
        }
        break;
      case "down":
        return new Shell.Result(0, "stopping");
      default:
        return new Shell.Result(2, "unknown sandbox operation '" + op + "'");
    }
    return new Shell.Result(0, op + " " + String.join(" ", args) + ": done");
  }
}
