package dev.replichart.cli;

import dev.replichart.pipeline.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The top-level command; does nothing but list its subcommands. */
@Command(
    name = "replichart",
    mixinStandardHelpOptions = true,
    versionProvider = ReplichartCommand.VersionProvider.class,
    description = "Generates a validated Helm chart for a replicated MySQL/MariaDB cluster.",
    subcommands = {
      GenerateCommand.class,
      ValidateCommand.class,
      DiffCommand.class,
      PackageCommand.class,
      SandboxCommand.class,
      picocli.CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:ok", "1:problems found", "2:usage or I/O error"})
public final class ReplichartCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /** Prints the generator version. */
  static final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"replichart " + Version.get()};
    }
  }
}
