package dev.replichart.cli;

import dev.replichart.diff.ChartDiff;
import dev.replichart.diff.ChartSource;
import dev.replichart.diff.DiffReport;
import dev.replichart.problem.Problem;
import dev.replichart.problem.ProblemsException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code replichart diff OLD NEW [-f VALUES…]}. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
      "Renders OLD and NEW with Helm (default values, then each values file) and prints which"
          + " objects were added, removed or changed, and for changed ones which fields; then"
          + " checks the upgrade from OLD to NEW: a field change the Kubernetes API server rejects"
          + " on update (StatefulSet volumeClaimTemplates, selector, serviceName,"
          + " podManagementPolicy; StorageClass fields; a Service's clusterIP or a switch to or"
          + " from ExternalName; Deployment and DaemonSet selectors; a Job's template; a PVC's"
          + " spec) is a problem naming the object, field, old → new value and what to do.",
      "OLD and NEW are each a chart directory, a packaged chart (.tgz) or a MySQLCluster spec."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no change that breaks helm upgrade (there may be differences)",
      "1:changes that helm upgrade would have rejected",
      "2:usage, input or I/O problem (a bad spec, a chart Helm cannot render)"
    })
final class DiffCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "OLD", description = "The chart released before.")
  Path old;

  @Parameters(index = "1", paramLabel = "NEW", description = "The chart to release.")
  Path neu;

  @Mixin ValuesFiles values;

  @Mixin FormatOption formatOption;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!values.allExist(err)) {
      return ExitCodes.USAGE_OR_IO;
    }
    DiffReport report;
    try {
      report = ChartDiff.compare(sources(), ChartSource.of(neu), values.files);
    } catch (ProblemsException e) {
      ProblemPrinter.print(e.problems(), formatOption.format, out, err);
      return ExitCodes.USAGE_OR_IO;
    } catch (IOException e) {
      err.println("replichart: " + e.getMessage());
      return ExitCodes.USAGE_OR_IO;
    }
    if (formatOption.format == ProblemPrinter.Format.json) {
      ProblemPrinter.print(report.upgradeBreaking(), formatOption.format, out, err);
    } else {
      out.print(report.formatChanges());
      out.flush();
      if (report.breaksUpgrade()) {
        err.println("helm upgrade from " + old + " to " + neu + " would fail:");
        ProblemPrinter.print(report.upgradeBreaking(), formatOption.format, out, err);
      } else {
        out.println("Upgrade check: no change that helm upgrade would have rejected");
        out.flush();
      }
    }
    return report.breaksUpgrade() ? ExitCodes.PROBLEMS : ExitCodes.OK;
  }

  /** OLD, checked together with NEW so that both are reported at once. */
  private ChartSource sources() throws ProblemsException {
    List<Problem> problems = new ArrayList<>();
    ChartSource before = null;
    try {
      before = ChartSource.of(old);
    } catch (ProblemsException e) {
      problems.addAll(e.problems());
    }
    try {
      ChartSource.of(neu);
    } catch (ProblemsException e) {
      problems.addAll(e.problems());
    }
    if (!problems.isEmpty()) {
      throw new ProblemsException(problems);
    }
    return before;
  }
}
