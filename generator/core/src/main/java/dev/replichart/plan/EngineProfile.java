package dev.replichart.plan;

import dev.replichart.spec.ClusterSpec.Engine;
import dev.replichart.spec.Flavor;
import java.util.List;
import java.util.Map;

/**
 * Everything that differs between MySQL and MariaDB, decided in one place: binaries, images, the
 * read-only switch and the server settings each flavor needs for GTID replication.
 *
 * @param flavor {@code mysql} or {@code mariadb}, as the scripts see it
 * @param serverBinary the server program in the server image
 * @param clientBinary the SQL client
 * @param adminBinary the admin client used for pings and shutdown
 * @param installDbCommand initialises an empty data directory
 * @param backupBinary the hot-backup tool
 * @param streamBinary extracts the backup stream
 * @param readOnlyVariable the switch that refuses writes even from privileged users where the
 *     flavor has one ({@code super_read_only}), else {@code read_only}
 * @param serverImage repository and tag of the server image
 * @param toolsImage repository and tag of the tools image (backup tool, ncat, curl, client)
 */
public record EngineProfile(
    String flavor,
    String version,
    String serverBinary,
    String clientBinary,
    String adminBinary,
    String installDbCommand,
    String backupBinary,
    String streamBinary,
    String readOnlyVariable,
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
          "mysqld --initialize-insecure",
          "xtrabackup",
          "xbstream",
          "super_read_only",
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
        "read_only",
        new Image("mariadb", tag),
        tools);
  }

  /**
   * The binaries each image must contain because a script or command run in it calls them. One
   * table: the README prints it and the sandbox maps images to host binaries from it.
   */
  public List<ImageContract> imageContracts(boolean nfs) {
    List<String> shell =
        List.of(
            "sh", "awk", "cat", "chmod", "date", "dirname", "getent", "grep", "mkdir", "mkfifo",
            "mktemp", "mv", "rm", "sed", "sleep", "tr");
    java.util.ArrayList<ImageContract> table = new java.util.ArrayList<>();
    table.add(
        new ImageContract(
            "server",
            serverImage.repository() + ":" + serverImage.tag(),
            List.of("init-mysql", "mysqld"),
            concat(shell, List.of(serverBinary, clientBinary, adminBinary, installDbBinary()))));
    table.add(
        new ImageContract(
            "tools",
            toolsImage.repository() + ":" + toolsImage.tag(),
            List.of("clone-mysql", "sidecar", "failover"),
            concat(
                shell,
                List.of(clientBinary, adminBinary, backupBinary, streamBinary, "ncat", "curl"))));
    if (nfs) {
      table.add(
          new ImageContract(
              "nfs",
              NfsPlan.IMAGE_REPOSITORY + ":" + NfsPlan.IMAGE_TAG,
              List.of("nfs-provisioner"),
              List.of("nfs-provisioner")));
    }
    return table;
  }

  private String installDbBinary() {
    return installDbCommand.split(" ")[0];
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).distinct().toList();
  }

  /**
   * An image and what it must provide.
   *
   * @param role which image of values.yaml it is
   * @param containers the containers that run in it
   * @param binaries the programs those containers call
   */
  public record ImageContract(
      String role, String image, List<String> containers, List<String> binaries) {}
}
