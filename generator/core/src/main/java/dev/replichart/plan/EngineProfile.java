package dev.replichart.plan;

import dev.replichart.kube.Containers;
import dev.replichart.spec.ClusterSpec.Engine;
import dev.replichart.spec.Flavor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What differs between MySQL and MariaDB on the Java side: the programs and the image. The SQL that
 * differs lives in the flavor's own scripts ({@code templates/flavor/<flavor>/files/scripts/}),
 * which a chart of that flavor ships instead of the other's; {@link ServerConfig} holds the forced
 * settings of each flavor.
 *
 * <p>Every database container runs on the database's official image, which users already trust and
 * which its publisher keeps patched; the chart's scripts call only what that image contains (read
 * from its Dockerfile, cited in {@link #images}).
 *
 * @param flavor {@code mysql} or {@code mariadb}, as the scripts see it
 * @param serverBinary the server program
 * @param clientBinary the SQL client
 * @param adminBinary the admin client used for pings and shutdown
 * @param installDbBinary initialises an empty data directory
 * @param cloneBinaries the programs that copy ({@code mariadb-backup}, {@code mbstream} and {@code
 *     socat} for the streamed backup; none for the CLONE plugin, which is part of mysqld)
 * @param serverImage repository and tag of the official image
 */
public record EngineProfile(
    String flavor,
    String version,
    String serverBinary,
    String clientBinary,
    String adminBinary,
    String installDbBinary,
    List<String> cloneBinaries,
    Image serverImage) {

  /** An image reference split the way values.yaml carries it. */
  public record Image(String repository, String tag) {}

  private static final Map<String, String> SERVER_TAGS =
      Map.of(
          "8.0", "8.0.40",
          "8.4", "8.4.3",
          "10.6", "10.6.20",
          "10.11", "10.11.10",
          "11.4", "11.4.4");

  static EngineProfile of(Engine engine) {
    String tag = SERVER_TAGS.get(engine.version());
    if (engine.flavor() == Flavor.MYSQL) {
      return new EngineProfile(
          "mysql",
          engine.version(),
          "mysqld",
          "mysql",
          "mysqladmin",
          "mysqld",
          List.of(),
          new Image("mysql", tag));
    }
    return new EngineProfile(
        "mariadb",
        engine.version(),
        "mariadbd",
        "mariadb",
        "mariadb-admin",
        "mariadb-install-db",
        List.of("mariadb-backup", "mbstream", "socat"),
        new Image("mariadb", tag));
  }

  /**
   * The images the chart's containers run on and the programs those containers call: the image must
   * contain each. One table: the README prints it, the sandbox builds each container's PATH from it
   * (through the chart's {@link ChartDescription}), and a test checks every command of every script
   * against it.
   *
   * <p>Sources: {@code mariadb:<v>} is Ubuntu with coreutils, gawk-compatible mawk, getent, {@code
   * mariadb-server}, {@code mariadb-backup} and {@code socat}, and {@code openssl} through {@code
   * ca-certificates} (MariaDB/mariadb-docker, {@code 10.11/Dockerfile}); {@code mysql:<v>} is
   * Oracle Linux 9 slim with coreutils, gawk, getent, {@code openssl} and {@code
   * mysql-community-server-minimal} (docker-library/mysql, {@code 8.4/Dockerfile.oracle}).
   */
  List<ChartDescription.Image> images(boolean nfs, boolean failoverJob) {
    List<String> shell =
        List.of(
            "sh", "awk", "cat", "chmod", "cut", "date", "dirname", "getent", "grep", "head",
            "mkdir", "mkfifo", "mktemp", "mv", "rm", "sed", "sleep", "timeout", "tr", "uname",
            "wc");
    List<String> containers =
        new ArrayList<>(
            List.of(
                Containers.INIT_MYSQL,
                Containers.CLONE_MYSQL,
                Containers.MYSQLD,
                Containers.SIDECAR));
    if (failoverJob) {
      containers.add(Containers.FAILOVER);
      containers.add(Containers.SWITCHOVER);
    }
    List<ChartDescription.Image> table = new ArrayList<>();
    table.add(
        new ChartDescription.Image(
            "server",
            serverImage.repository() + ":" + serverImage.tag(),
            "image",
            List.copyOf(containers),
            concat(
                shell,
                concat(
                    List.of(serverBinary, clientBinary, adminBinary, installDbBinary, "openssl"),
                    cloneBinaries))));
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
