package dev.replichart.cli;

import picocli.CommandLine;

/** Entry point of {@code replichart.jar}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI on the standard streams and returns its exit code. */
  public static int run(String... args) {
    return run(
        new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
  }

  /** Runs the CLI on the given streams and returns its exit code. */
  public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new ReplichartCommand());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("replichart: internal error: " + e);
          if (System.getenv("REPLICHART_DEBUG") != null) {
            e.printStackTrace(commandLine.getErr());
          } else {
            commandLine
                .getErr()
                .println("(set REPLICHART_DEBUG=1 for the stack trace; please report it)");
          }
          return ExitCodes.USAGE_OR_IO;
        });
    return cli.execute(args);
  }
}
