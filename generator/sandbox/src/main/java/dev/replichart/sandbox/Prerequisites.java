package dev.replichart.sandbox;

import java.util.ArrayList;
import java.util.List;

/** Checks up front what the sandbox needs, and says what to install. */
public final class Prerequisites {
  private static final List<String> PROGRAMS =
      List.of(
          "ip",
          "unshare",
          "nsenter",
          "setpriv",
          "mount",
          "mariadbd",
          "mariadb",
          "mariadb-backup",
          "mbstream",
          "socat",
          "openssl",
          "getent");

  private Prerequisites() {}

  /** Problems that keep the sandbox from running here; empty when it can run. */
  public static List<String> missing() {
    List<String> problems = new ArrayList<>();
    if (!Shell.run("id", "-u").output().trim().equals("0")) {
      problems.add("the sandbox needs root (network and mount namespaces)");
    }
    for (String program : PROGRAMS) {
      try {
        ImagePrograms.hostProgram(program);
      } catch (SandboxException e) {
        problems.add("missing program '" + program + "' (make deps installs it)");
      }
    }
    if (problems.isEmpty() && !Shell.run("ip", "netns", "list").ok()) {
      problems.add("network namespaces are not available (ip netns list failed)");
    }
    return problems;
  }

  static void check() {
    List<String> missing = missing();
    if (!missing.isEmpty()) {
      throw new SandboxException("cannot start the sandbox: " + String.join("; ", missing));
    }
  }
}
