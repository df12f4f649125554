package dev.replichart.cli;

/** The CLI's exit codes, the same for every command. */
final class ExitCodes {
  static final int OK = 0;
  static final int PROBLEMS = 1;
  static final int USAGE_OR_IO = 2;

  private ExitCodes() {}
}
