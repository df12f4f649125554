package dev.replichart.cli;

import dev.replichart.kube.Containers;
import dev.replichart.kube.JobEnvironment;
import dev.replichart.plan.ChartDescription;
import dev.replichart.sandbox.Sandbox;
import dev.replichart.sandbox.SandboxControl;
import dev.replichart.sandbox.SandboxException;
import dev.replichart.sandbox.Shell;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code replichart sandbox …}: run a chart's pods on this machine (root, Linux namespaces). */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a rendered chart's own containers and scripts, unchanged, one network and mount"
          + " namespace per pod, against this machine's MariaDB (needs root and `make deps`)."
          + " `up` supervises in the foreground; the other commands talk to it."
    },
    subcommands = {
      SandboxCommand.Up.class,
      SandboxCommand.Down.class,
      SandboxCommand.Logs.class,
      SandboxCommand.Status.class,
      SandboxCommand.Sql.class,
      SandboxCommand.Scale.class,
      SandboxCommand.Job.class,
      SandboxCommand.Write.class,
      SandboxCommand.PodOperation.Kill.class,
      SandboxCommand.PodOperation.Restart.class,
      SandboxCommand.PodOperation.Wipe.class,
      SandboxCommand.PodOperation.Partition.class,
      SandboxCommand.PodOperation.Heal.class
    })
final class SandboxCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(
      names = "--state",
      paramLabel = "DIR",
      description = "Where the sandbox keeps everything it makes (default: ${DEFAULT-VALUE}).",
      defaultValue = "/var/tmp/replichart-sandbox",
      scope = picocli.CommandLine.ScopeType.INHERIT)
  Path state;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** Sends a request to the running sandbox and prints its answer. */
  static int ask(SandboxCommand parent, List<String> words, long timeout) {
    PrintWriter out = parent.spec.commandLine().getOut();
    PrintWriter err = parent.spec.commandLine().getErr();
    try {
      Shell.Result r = SandboxControl.request(parent.state, words, timeout);
      (r.ok() ? out : err).println(r.output().trim());
      return r.exitCode() == 0
          ? ExitCodes.OK
          : r.exitCode() == 2 ? ExitCodes.USAGE_OR_IO : ExitCodes.PROBLEMS;
    } catch (IOException e) {
      err.println("replichart: " + e.getMessage());
      return ExitCodes.USAGE_OR_IO;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.USAGE_OR_IO;
    }
  }

  @Command(
      name = "up",
      mixinStandardHelpOptions = true,
      description = "Starts the pods of CHART_DIR's StatefulSet and supervises them until `down`.")
  static final class Up implements Callable<Integer> {
    @ParentCommand SandboxCommand parent;

    @Parameters(index = "0", paramLabel = "CHART_DIR")
    Path chart;

    @Option(
        names = {"-f", "--values"},
        paramLabel = "VALUES")
    List<Path> values = new ArrayList<>();

    @Option(
        names = "--replicas",
        paramLabel = "N",
        defaultValue = "3",
        description = "Pods to start (default: ${DEFAULT-VALUE}).")
    int replicas;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = parent.spec.commandLine().getOut();
      try (Sandbox sandbox = Sandbox.up(chart, values, replicas, parent.state)) {
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close));
        UpProcess.write(parent.state);
        out.println(
            "sandbox up: "
                + sandbox.podNames()
                + "; state in "
                + parent.state
                + "; stop with: replichart sandbox down");
        sandbox.serveUntilDown(out);
      } catch (SandboxException e) {
        PrintWriter err = parent.spec.commandLine().getErr();
        if (!e.problems().isEmpty()) {
          ProblemPrinter.print(e.problems(), ProblemPrinter.Format.text, out, err);
          return ExitCodes.PROBLEMS;
        }
        err.println("replichart: " + e.getMessage());
        return ExitCodes.USAGE_OR_IO;
      }
      out.println("sandbox down");
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "down",
      mixinStandardHelpOptions = true,
      description =
          "Stops the sandbox and removes every namespace, process, link and directory"
              + " it made. Safe to run twice or after a crash.")
  static final class Down implements Callable<Integer> {
    @ParentCommand SandboxCommand parent;

    @Override
    public Integer call() throws Exception {
      // A running `up` keeps restarting what down would remove: stop it first and wait for it.
      Optional<ProcessHandle> up = UpProcess.read(parent.state);
      if (Files.isDirectory(parent.state.resolve("control"))) {
        SandboxControl.request(parent.state, List.of("down"), 30);
      }
      if (up.isPresent()) {
        UpProcess.awaitExit(up.get(), Duration.ofSeconds(60));
      }
      Sandbox.down(parent.state);
      parent.spec.commandLine().getOut().println("sandbox removed (" + parent.state + ")");
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Pods, phase, readiness, role label and restarts.")
  static final class Status implements Callable<Integer> {
    @ParentCommand SandboxCommand parent;

    @Override
    public Integer call() {
      return ask(parent, List.of("status"), 30);
    }
  }

  @Command(
      name = "logs",
      mixinStandardHelpOptions = true,
      description = "A pod's container logs (all containers unless -c).")
  static final class Logs implements Callable<Integer> {
    @ParentCommand SandboxCommand parent;

    @Parameters(index = "0", paramLabel = "POD")
    String pod;

    @Option(
        names = {"-c", "--container"},
        paramLabel = "CONTAINER")
    String container;

    @Override
    public Integer call() throws IOException {
      Path logs = parent.state.resolve("pods").resolve(pod).resolve("logs");
      if (!Files.isDirectory(logs)) {
        parent
            .spec
            .commandLine()
            .getErr()
            .println("replichart: no logs of pod " + pod + " in " + parent.state);
        return ExitCodes.USAGE_OR_IO;
      }
      PrintWriter out = parent.spec.commandLine().getOut();
      for (String c : databasePodContainers()) {
        Path file = logs.resolve(c + ".log");
        if ((container == null || container.equals(c)) && Files.exists(file)) {
          out.println("==> " + c);
          out.print(Files.readString(file, StandardCharsets.UTF_8));
        }
      }
      out.flush();
      return ExitCodes.OK;
    }

    /**
     * The database pod's containers in start order, from the chart description {@code sandbox up}
     * keeps in the state directory (the chart directory itself may be gone by now).
     */
    private List<String> databasePodContainers() throws IOException {
      if (!Files.exists(parent.state.resolve(ChartDescription.FILE))) {
        return Containers.DATABASE_POD;
      }
      return ChartDescription.read(parent.state).containersOf("StatefulSet").stream()
          .map(ChartDescription.Container::name)
          .toList();
    }
  }

  @Command(
      name = "sql",
      mixinStandardHelpOptions = true,
      description =
          "Runs QUERY on a pod (as root, through its socket) or through a Service (as"
              + " the chart's application user, on a pod the Service selects now).")
  static final class Sql implements Callable<Integer> {
    @ParentCommand SandboxCommand parent;

    @Parameters(index = "0", paramLabel = "POD|SERVICE")
    String target;

    @Parameters(index = "1", paramLabel = "QUERY")
    String query;

    @Override
    public Integer call() {
      return ask(parent, List.of("sql", target, query), 120);
    }
  }

  @Command(
      name = "scale",
      mixinStandardHelpOptions = true,
      description = "Adds or removes pods at the highest ordinals (volumes are kept).")
  static final class Scale implements Callable<Integer> {
    @ParentCommand SandboxCommand parent;

    @Parameters(index = "0", paramLabel = "N")
    int replicas;

    @Override
    public Integer call() {
      return ask(parent, List.of("scale", String.valueOf(replicas)), 120);
    }
  }

  @Command(
      name = "job",
      mixinStandardHelpOptions = true,
      description = {
        "Runs a Job from one of the chart's CronJobs, as `kubectl create job --from=cronjob/CRONJOB`"
            + " does, in a pod of its own; prints its log and exits with its exit code (1 when it"
            + " did not end within --timeout)."
      })
  static final class Job implements Callable<Integer> {
    @ParentCommand SandboxCommand parent;

    @Parameters(index = "0", paramLabel = "CRONJOB")
    String cronJob;

    @Option(
        names = "--target",
        paramLabel = "POD",
        description =
            "Sets "
                + JobEnvironment.TARGET_POD
                + "=POD in the Job's containers (the pod a switchover promotes).")
    String target;

    @Option(
        names = "--timeout",
        paramLabel = "DURATION",
        defaultValue = "180s",
        converter = DurationConverter.class,
        description = "How long the Job may run (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws IOException, InterruptedException {
      PrintWriter out = parent.spec.commandLine().getOut();
      PrintWriter err = parent.spec.commandLine().getErr();
      List<String> words =
          new ArrayList<>(List.of("job", cronJob, String.valueOf(timeout.toMillis())));
      if (target != null) {
        words.add(target);
      }
      Shell.Result r = SandboxControl.request(parent.state, words, timeout.toSeconds() + 60);
      if (!r.ok()) {
        err.println(r.output().trim());
        return r.exitCode() == 2 ? ExitCodes.USAGE_OR_IO : ExitCodes.PROBLEMS;
      }
      String[] answer = r.output().split("\n", 2);
      int exitCode = Integer.parseInt(answer[0].substring("exit ".length()).trim());
      out.print(answer.length > 1 ? answer[1] : "");
      out.println();
      out.flush();
      if (exitCode < 0) {
        err.println(
            "replichart: the Job from "
                + cronJob
                + " did not end within "
                + timeout.toSeconds()
                + "s; it was stopped");
        return ExitCodes.PROBLEMS;
      }
      return exitCode;
    }
  }

  @Command(
      name = "write",
      mixinStandardHelpOptions = true,
      description = {
        "Writes rows with increasing ids through the primary Service, one transaction each, as the"
            + " chart's application account, for --for; then prints how many were acknowledged and"
            + " failed, the longest time without an acknowledgement, and how many acknowledged ids"
            + " the pod now behind the primary Service lacks (exit 1 when any, or when there is"
            + " none to ask)."
      })
  static final class Write implements Callable<Integer> {
    @ParentCommand SandboxCommand parent;

    @Option(
        names = "--for",
        paramLabel = "DURATION",
        defaultValue = "30s",
        converter = DurationConverter.class,
        description = "How long to write (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Override
    public Integer call() throws IOException, InterruptedException {
      PrintWriter out = parent.spec.commandLine().getOut();
      PrintWriter err = parent.spec.commandLine().getErr();
      Shell.Result r =
          SandboxControl.request(
              parent.state,
              List.of("write", String.valueOf(duration.toMillis())),
              duration.toSeconds() + 60);
      if (!r.ok()) {
        err.println(r.output().trim());
        return r.exitCode() == 2 ? ExitCodes.USAGE_OR_IO : ExitCodes.PROBLEMS;
      }
      String[] answer = r.output().split("\n", 2);
      out.println(answer.length > 1 ? answer[1] : "");
      out.flush();
      return Integer.parseInt(answer[0].substring("exit ".length()).trim());
    }
  }

  /** Operations on one pod. */
  abstract static class PodOperation implements Callable<Integer> {
    @ParentCommand SandboxCommand parent;

    @Parameters(index = "0", paramLabel = "POD")
    String pod;

    abstract String op();

    @Override
    public Integer call() {
      return ask(parent, List.of(op(), pod), 120);
    }

    @Command(
        name = "kill",
        mixinStandardHelpOptions = true,
        description =
            "SIGKILL every process of the pod, or with -c one container (an OOM kill); killed"
                + " containers are restarted.")
    static final class Kill extends PodOperation {
      @Option(
          names = {"-c", "--container"},
          paramLabel = "CONTAINER")
      String container;

      @Override
      String op() {
        return "kill";
      }

      @Override
      public Integer call() {
        return container == null ? super.call() : ask(parent, List.of("kill", pod, container), 120);
      }
    }

    @Command(
        name = "restart",
        mixinStandardHelpOptions = true,
        description = "Deletes and recreates the pod (init containers run again).")
    static final class Restart extends PodOperation {
      @Override
      String op() {
        return "restart";
      }
    }

    @Command(
        name = "wipe",
        mixinStandardHelpOptions = true,
        description = "Stops the pod and empties its volume; `restart` brings it back.")
    static final class Wipe extends PodOperation {
      @Override
      String op() {
        return "wipe";
      }
    }

    @Command(
        name = "partition",
        mixinStandardHelpOptions = true,
        description = {
          "Cuts the pod off the network, or with --from only its link to one other pod (both"
              + " ways) or to the API server (--from api); each side sees silence."
        })
    static final class Partition extends PodOperation {
      @Option(
          names = "--from",
          paramLabel = "POD|api",
          description = "Cut only the link to this pod, or to the API server.")
      String from;

      @Override
      String op() {
        return "partition";
      }

      @Override
      public Integer call() {
        return from == null ? super.call() : ask(parent, List.of(op(), pod, from), 120);
      }
    }

    @Command(
        name = "heal",
        mixinStandardHelpOptions = true,
        description = {
          "Reconnects the pod: its link and every link cut with partition --from; with --from"
              + " only that one link."
        })
    static final class Heal extends PodOperation {
      @Option(
          names = "--from",
          paramLabel = "POD|api",
          description = "Restore only the link to this pod, or to the API server.")
      String from;

      @Override
      String op() {
        return "heal";
      }

      @Override
      public Integer call() {
        return from == null ? super.call() : ask(parent, List.of(op(), pod, from), 120);
      }
    }
  }
}
