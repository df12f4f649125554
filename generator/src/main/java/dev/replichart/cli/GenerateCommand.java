package dev.replichart.cli;

import dev.replichart.pipeline.ChartGenerator;
import dev.replichart.problem.ProblemsException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code replichart generate SPEC -o DIR [-f VALUES…]}. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Renders the chart for SPEC into DIR. The chart is built in a temporary directory, linted"
          + " strictly and rendered by Helm with its defaults and with every values file; DIR is"
          + " replaced only when all of that passed."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:ok", "1:problems found (nothing written)", "2:usage or I/O error"})
final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SPEC", description = "The MySQLCluster spec (YAML).")
  Path specFile;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      required = true,
      description = "Where the chart goes (replaced as a whole).")
  Path output;

  @Option(
      names = {"-f", "--values"},
      paramLabel = "VALUES",
      description = "A values file the chart must accept; repeatable.")
  List<Path> valuesFiles = new ArrayList<>();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "How problems are printed: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
      defaultValue = "text")
  ProblemPrinter.Format format;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(specFile)) {
      err.println("replichart: " + specFile + ": no such file");
      return ExitCodes.USAGE_OR_IO;
    }
    for (Path values : valuesFiles) {
      if (!Files.isRegularFile(values)) {
        err.println("replichart: " + values + ": no such values file");
        return ExitCodes.USAGE_OR_IO;
      }
    }
    try {
      ChartGenerator.Generated generated =
          new ChartGenerator().generate(specFile, output, valuesFiles);
      Summary.print(generated, output, valuesFiles, out);
      return ExitCodes.OK;
    } catch (ProblemsException e) {
      ProblemPrinter.print(e.problems(), format, out, err);
      err.println("nothing was written to " + output);
      err.flush();
      return ExitCodes.PROBLEMS;
    } catch (IOException e) {
      err.println("replichart: cannot write " + output + ": " + e.getMessage());
      return ExitCodes.USAGE_OR_IO;
    }
  }
}
