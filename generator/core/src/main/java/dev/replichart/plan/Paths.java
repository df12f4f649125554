package dev.replichart.plan;

/**
 * Where things are inside the pods. The scripts receive these through the generated {@code
 * lib-base.sh}; the StatefulSet mounts volumes at the same places. The ConfigMap, with the {@code
 * .cnf} files and the scripts, is mounted at {@code configMapDir}. The volume is mounted at {@code
 * volumeDir}; the data directory is a subdirectory of it because a fresh file system may hold
 * {@code lost+found}, and the clone staging area and markers live beside it on the same volume.
 */
public record Paths(
    String volumeDir,
    String dataDir,
    String socket,
    String runDir,
    String configDir,
    String configMapDir,
    String secretsDir) {

  static Paths defaults() {
    return new Paths(
        "/var/lib/mysql",
        "/var/lib/mysql/data",
        "/var/run/mysqld/mysqld.sock",
        "/var/run/mysqld",
        "/etc/mysql/replichart",
        "/etc/mysql/replichart-config",
        "/etc/mysql/replichart-secrets");
  }
}
