package dev.replichart.cli;

import dev.replichart.validate.ChartValidator;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code replichart validate CHART_DIR [-f VALUES…] [--output text|json]}. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Checks a chart directory the way generate does before it writes: each values file against"
          + " values.schema.json; Helm lint --strict and template with the defaults and every"
          + " values file; each rendered object against its Kubernetes model (unknown fields) and"
          + " the Kubernetes 1.27 OpenAPI schema; and the policy (selectors, ports, probes,"
          + " resources, security context, RBAC, secrets, PDB, StorageClass)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no problems", "1:problems found", "2:usage or I/O error"})
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CHART_DIR", description = "The chart directory.")
  Path chartDir;

  @Mixin ValuesFiles values;

  @Option(
      names = {"--output", "--format"},
      paramLabel = "FORMAT",
      description = "text (default) or json.",
      defaultValue = "text")
  ProblemPrinter.Format format;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(chartDir.resolve("Chart.yaml"))) {
      err.println("replichart: " + chartDir + ": not a chart directory (no Chart.yaml)");
      return ExitCodes.USAGE_OR_IO;
    }
    if (!values.allExist(err)) {
      return ExitCodes.USAGE_OR_IO;
    }
    ChartValidator.Result result = new ChartValidator().check(chartDir, values.files);
    if (!result.problems().isEmpty()) {
      ProblemPrinter.print(result.problems(), format, out, err);
      return ExitCodes.PROBLEMS;
    }
    if (format == ProblemPrinter.Format.json) {
      ProblemPrinter.print(List.of(), format, out, err);
    } else {
      out.printf(
          "%s: no problems (%d objects from %d render(s): values schema, Helm, models, OpenAPI"
              + " %s, policy)%n",
          chartDir,
          result.objects(),
          result.manifests().size(),
          dev.replichart.validate.OpenApiValidator.KUBERNETES_VERSION);
      out.flush();
    }
    return ExitCodes.OK;
  }
}
