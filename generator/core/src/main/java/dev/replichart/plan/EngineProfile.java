package dev.replichart.plan;

import dev.replichart.kube.Containers;
import dev.replichart.spec.ClusterSpec.Engine;
import dev.replichart.spec.Flavor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What differs between MySQL and MariaDB on the Java side: the programs and images. The SQL that
 * differs lives in the flavor's own scripts ({@code templates/flavor/<flavor>/files/scripts/}),
 * which a chart of that flavor ships instead of the other's; {@link ServerConfig} holds the forced
 * settings of each flavor.
 *
 * @param flavor {@code mysql} or {@code mariadb}, as the scripts see it
 * @param serverBinary the server program in the server image
 * @param clientBinary the SQL client
 * @param adminBinary the admin client used for pings and shutdown
 * @param installDbBinary initialises an empty data directory
 * @param backupBinary the hot-backup tool
 * @param streamBinary extracts the backup stream
 * @param serverImage repository and tag of the server image
 * @param toolsImage repository and tag of the tools image (backup tool, ncat, curl, client)
 */
public record EngineProfile(
    String flavor,
    String version,
    String serverBinary,
    String clientBinary,
    String adminBinary,
    String installDbBinary,
    String backupBinary,
    String streamBinary,
    Image serverImage,
    Image toolsImage) {

  /** An image reference split the way values.yaml carries it. */
  public record Image(String repository, String tag) {}

  /** Project-owned tools images; their Dockerfiles live under images/ in the repository. */
  static final String TOOLS_REPOSITORY = "ghcr.io/replichart/tools";

  private static final Map<String, String> SERVER_TAGS =
      Map.of(
          "8.0", "8.0.40",
          "8.4", "8.4.3",
          "10.6", "10.6.20",
          "10.11", "10.11.10",
          "11.4", "11.4.4");

  static EngineProfile of(Engine engine) {
    String tag = SERVER_TAGS.get(engine.version());
    Image tools = new Image(TOOLS_REPOSITORY, engine.flavor().specName() + "-" + engine.version());
    if (engine.flavor() == Flavor.MYSQL) {
      return new EngineProfile(
          "mysql",
          engine.version(),
          "mysqld",
          "mysql",
          "mysqladmin",
          "mysqld",
          "xtrabackup",
          "xbstream",
          new Image("mysql", tag),
          tools);
    }
    return new EngineProfile(
        "mariadb",
        engine.version(),
        "mariadbd",
        "mariadb",
        "mariadb-admin",
        "mariadb-install-db",
        "mariadb-backup",
        "mbstream",
        new Image("mariadb", tag),
        tools);
  }

  /**
   * The images the chart's containers run on and the programs those containers call: the image must
   * contain each. One table: the README prints it, the sandbox builds each container's PATH from it
   * (through the chart's {@link ChartDescription}).
   */
  List<ChartDescription.Image> images(boolean nfs, boolean failoverJob) {
    List<String> shell =
        List.of(
            "sh", "awk", "cat", "chmod", "date", "dirname", "getent", "grep", "mkdir", "mkfifo",
            "mktemp", "mv", "rm", "sed", "sleep", "tr");
    List<ChartDescription.Image> table = new ArrayList<>();
    table.add(
        new ChartDescription.Image(
            "server",
            serverImage.repository() + ":" + serverImage.tag(),
            "image",
            List.of(Containers.INIT_MYSQL, Containers.MYSQLD),
            concat(shell, List.of(serverBinary, clientBinary, adminBinary, installDbBinary))));
    List<String> toolsContainers =
        new ArrayList<>(List.of(Containers.CLONE_MYSQL, Containers.SIDECAR));
    if (failoverJob) {
      toolsContainers.add(Containers.FAILOVER);
    }
    table.add(
        new ChartDescription.Image(
            "tools",
            toolsImage.repository() + ":" + toolsImage.tag(),
            "toolsImage",
            List.copyOf(toolsContainers),
            concat(
                shell,
                List.of(clientBinary, adminBinary, backupBinary, streamBinary, "ncat", "curl"))));
    if (nfs) {
      table.add(
          new ChartDescription.Image(
              "nfs",
              NfsPlan.IMAGE_REPOSITORY + ":" + NfsPlan.IMAGE_TAG,
              "nfs.image",
              List.of(Containers.NFS_PROVISIONER),
              List.of("nfs-provisioner")));
    }
    return List.copyOf(table);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return Stream.concat(a.stream(), b.stream()).distinct().toList();
  }
}
