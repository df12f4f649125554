package dev.replichart.cli;

import dev.replichart.pipeline.ChartGenerator;
import dev.replichart.problem.ProblemReport;
import dev.replichart.problem.ProblemsException;
import dev.replichart.render.OutputTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code replichart generate SPEC -o DIR [-f VALUES…]}. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Renders the chart for SPEC into DIR. The chart is built in a temporary directory and"
          + " checked there by every layer of `replichart validate` (values schema, Helm lint and"
          + " template with the defaults and every values file, Kubernetes models, OpenAPI,"
          + " policy); DIR is replaced only when all of that passed."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok",
      "1:problems found, or DIR refused (nothing written)",
      "2:usage or I/O error"
    })
final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SPEC", description = "The MySQLCluster spec (YAML).")
  Path specFile;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      required = true,
      description =
          "Where the chart goes (replaced as a whole). Refused: the current or home directory or"
              + " one above it, /, a directory holding the spec or a values file, and a non-empty"
              + " directory that is not a chart replichart wrote. A link stays; its target is"
              + " replaced.")
  Path output;

  @Option(
      names = "--force",
      description =
          "Replace DIR even when it is a non-empty directory that replichart did not write (never"
              + " the current, home or root directory, or one holding an input).")
  boolean force;

  @Mixin ValuesFiles values;

  @Mixin FormatOption formatOption;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(specFile)) {
      err.println("replichart: " + specFile + ": no such file");
      return ExitCodes.USAGE_OR_IO;
    }
    if (!values.allExist(err)) {
      return ExitCodes.USAGE_OR_IO;
    }
    List<Path> inputs = new ArrayList<>(List.of(specFile));
    inputs.addAll(values.files);
    OutputTarget target;
    try {
      target = OutputTarget.choose(output, inputs, force);
    } catch (ProblemsException e) {
      // one line, nothing touched: the refusal is the whole story
      if (formatOption.format == ProblemPrinter.Format.json) {
        ProblemPrinter.print(e.problems(), formatOption.format, out, err);
      } else {
        ProblemReport.lines(e.problems()).forEach(line -> err.println("replichart: " + line));
      }
      err.flush();
      return ExitCodes.PROBLEMS;
    }
    try {
      ChartGenerator.Generated generated =
          new ChartGenerator().generate(specFile, target, values.files);
      Summary.print(generated, output, values.files, out);
      return ExitCodes.OK;
    } catch (ProblemsException e) {
      ProblemPrinter.print(e.problems(), formatOption.format, out, err);
      err.println("nothing was written to " + output);
      err.flush();
      return ExitCodes.PROBLEMS;
    } catch (IOException e) {
      err.println("replichart: cannot write " + output + ": " + e.getMessage());
      return ExitCodes.USAGE_OR_IO;
    }
  }
}
