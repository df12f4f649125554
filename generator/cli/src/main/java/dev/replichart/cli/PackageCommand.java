package dev.replichart.cli;

import dev.replichart.pack.ChartPackager;
import dev.replichart.problem.ProblemsException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code replichart package CHART -d DIST [--force]}. */
@Command(
    name = "package",
    mixinStandardHelpOptions = true,
    description = {
      "Writes DIST/<name>-<version>.tgz in Helm's archive layout and adds it to DIST/index.yaml"
          + " (a Helm chart repository index), so DIST can be served as a repository. CHART is a"
          + " chart directory, or a MySQLCluster spec that is rendered and validated first.",
      "The archive and the index depend on the chart's files only (sorted entries, fixed times"
          + " and owners): packaging the same chart again gives the same bytes and changes"
          + " nothing. A name and version already in DIST with another digest is refused: bump the"
          + " chart version, or pass --force."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:packaged (or already packaged, unchanged)",
      "1:problems found: a bad spec or Chart.yaml, or a released version would change",
      "2:usage or I/O error"
    })
final class PackageCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "CHART",
      description = "A chart directory or a MySQLCluster spec.")
  Path chart;

  @Option(
      names = {"-d", "--destination"},
      paramLabel = "DIST",
      required = true,
      description = "The repository directory (created when missing).")
  Path dist;

  @Option(
      names = "--force",
      description =
          "Replace a name and version DIST already holds with another digest. Users who have"
              + " that version will not see the change.")
  boolean force;

  @Mixin FormatOption formatOption;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.exists(chart)) {
      err.println("replichart: " + chart + ": no such file or directory");
      return ExitCodes.USAGE_OR_IO;
    }
    if (Files.exists(dist) && !Files.isDirectory(dist)) {
      err.println("replichart: " + dist + ": not a directory");
      return ExitCodes.USAGE_OR_IO;
    }
    try {
      ChartPackager.Packaged packaged = new ChartPackager().pack(chart, dist, force);
      String what =
          switch (packaged.outcome()) {
            case ADDED -> "Packaged";
            case REPLACED -> "Replaced (--force)";
            case UNCHANGED -> "Already packaged, unchanged:";
          };
      out.printf(
          "%s %s %s as %s (sha256 %s), listed in %s%n",
          what,
          packaged.name(),
          packaged.version(),
          packaged.archive(),
          packaged.digest(),
          packaged.index());
      out.flush();
      return ExitCodes.OK;
    } catch (ProblemsException e) {
      ProblemPrinter.print(e.problems(), formatOption.format, out, err);
      err.println("nothing was written to " + dist);
      err.flush();
      return ExitCodes.PROBLEMS;
    } catch (IOException e) {
      err.println("replichart: cannot package " + chart + " into " + dist + ": " + e.getMessage());
      return ExitCodes.USAGE_OR_IO;
    }
  }
}
