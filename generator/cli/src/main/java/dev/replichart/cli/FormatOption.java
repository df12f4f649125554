package dev.replichart.cli;

import picocli.CommandLine.Option;

/** The {@code --format} option of every command that prints problems. */
final class FormatOption {
  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "How problems are printed: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
      defaultValue = "text")
  ProblemPrinter.Format format = ProblemPrinter.Format.text;
}
