package dev.replichart.cli;

import picocli.CommandLine;

/** Entry point of {@code replichart.jar}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit code (for tests). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new ReplichartCommand());
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
