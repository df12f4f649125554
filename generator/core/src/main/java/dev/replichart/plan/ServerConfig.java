package dev.replichart.plan;

import dev.replichart.spec.ClusterSpec;
import dev.replichart.spec.Flavor;
import dev.replichart.spec.ReservedSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code master.cnf} and {@code slave.cnf} contents (the original design's names): the settings
 * replication forces. The user's tunables are written before them at start-up, so these win.
 *
 * @param common settings both roles share
 * @param masterOnly settings added for a server that starts as the primary (slave.cnf has the
 *     common settings only)
 */
public record ServerConfig(List<Setting> common, List<Setting> masterOnly) {

  /** One {@code name=value} line with the reason it is forced. */
  public record Setting(String name, String value, String why) {}

  static ServerConfig of(ClusterSpec spec, Paths paths) {
    boolean mysql = spec.engine().flavor() == Flavor.MYSQL;
    List<Setting> common = new ArrayList<>();
    common.add(new Setting("datadir", paths.dataDir(), "the volume of the pod"));
    common.add(new Setting("socket", paths.socket(), "shared with the sidecar and the probes"));
    common.add(new Setting("port", String.valueOf(Ports.MYSQL), "what the Services target"));
    common.add(new Setting("bind_address", "0.0.0.0", "peers and clients connect by pod IP"));
    common.add(new Setting("skip_name_resolve", "ON", "pod IPs change; accounts use '%'"));
    common.add(new Setting("log_bin", "binlog", "replicas and clones need the binary log"));
    common.add(new Setting("binlog_format", "ROW", "deterministic replication"));
    common.add(
        new Setting(
            mysql ? "log_replica_updates" : "log_slave_updates",
            "ON",
            "a replica must be promotable with the full history in its binary log"));
    if (mysql) {
      common.add(
          new Setting(
              "plugin_load_add",
              "mysql_clone.so",
              "new replicas copy a peer with the CLONE plugin (donor and recipient)"));
      common.add(new Setting("gtid_mode", "ON", "auto-positioning and failover by GTID set"));
      common.add(new Setting("enforce_gtid_consistency", "ON", "required by gtid_mode"));
    } else {
      common.add(
          new Setting("gtid_strict_mode", "ON", "refuse out-of-order GTIDs instead of diverging"));
      // MariaDB's default, written out so that no tunable lowers it; the MySQL flavor sets
      // SOURCE_RETRY_COUNT in CHANGE REPLICATION SOURCE instead (it has no server option).
      common.add(
          new Setting(
              "master_retry_count",
              String.valueOf(Replication.CONNECT_RETRY_COUNT),
              "a replica keeps reconnecting to a lost primary for days (every "
                  + Replication.CONNECT_RETRY_SECONDS
                  + " s); the sidecar repoints it sooner"));
    }
    common.add(new Setting("relay_log", "relay-bin", "stable names across pod restarts"));
    common.add(new Setting("relay_log_recovery", "ON", "discard a torn relay log after a crash"));
    common.add(
        new Setting(
            mysql ? "skip_replica_start" : "skip_slave_start",
            "ON",
            "the sidecar decides whom to replicate from after checking who is primary"));
    common.add(
        new Setting(
            mysql ? "replica_net_timeout" : "slave_net_timeout",
            String.valueOf(Replication.NET_TIMEOUT_SECONDS),
            "a replica notices a primary cut off by the network within seconds (heartbeats every"
                + " half of it), so the failover watcher's vantage points agree quickly"));
    common.add(new Setting("sync_binlog", "1", "an acknowledged commit survives a crash"));
    common.add(new Setting("innodb_flush_log_at_trx_commit", "1", "same, for InnoDB's redo log"));
    common.add(new Setting("read_only", "ON", "every server starts refusing writes"));
    if (mysql) {
      common.add(
          new Setting("super_read_only", "ON", "not even privileged users write until promoted"));
    }
    List<Setting> masterOnly = new ArrayList<>();
    ClusterSpec.SemiSync semi = spec.replication().semiSync();
    if (semi.enabled()) {
      String timeout = String.valueOf(semi.timeoutMillis());
      if (mysql) {
        common.add(new Setting("plugin_load_add", "semisync_source.so", "semi-sync, source side"));
        common.add(new Setting("plugin_load_add", "semisync_replica.so", "semi-sync, replica"));
        common.add(new Setting("rpl_semi_sync_source_timeout", timeout, timeoutWhy(spec)));
        common.add(
            new Setting(
                "rpl_semi_sync_source_wait_for_replica_count",
                String.valueOf(semi.waitForReplicas()),
                "from spec.replication.semiSync.waitForReplicas"));
        common.add(
            new Setting("rpl_semi_sync_replica_enabled", "ON", "any replica may acknowledge"));
        common.add(
            new Setting(
                "rpl_semi_sync_source_wait_point",
                "AFTER_SYNC",
                "lossless: a commit is visible only once a replica has it (the default, forced)"));
        masterOnly.add(
            new Setting("rpl_semi_sync_source_enabled", "ON", "commits wait for an ack"));
      } else {
        common.add(new Setting("rpl_semi_sync_master_timeout", timeout, timeoutWhy(spec)));
        common.add(
            new Setting(
                "rpl_semi_sync_master_wait_point",
                "AFTER_SYNC",
                "lossless: a commit is visible only once a replica has it (MariaDB's default,"
                    + " AFTER_COMMIT, lets clients read a commit no replica has)"));
        common.add(new Setting("rpl_semi_sync_slave_enabled", "ON", "any replica may acknowledge"));
        masterOnly.add(
            new Setting("rpl_semi_sync_master_enabled", "ON", "commits wait for an ack"));
      }
    }
    for (List<Setting> list : List.of(common, masterOnly)) {
      for (Setting s : list) {
        if (!ReservedSettings.isReserved(s.name())) {
          throw new IllegalStateException("forced setting not reserved: " + s.name());
        }
      }
    }
    return new ServerConfig(List.copyOf(common), List.copyOf(masterOnly));
  }

  private static String timeoutWhy(ClusterSpec spec) {
    return spec.failover().automatic()
        ? "automatic failover: never acknowledge a commit no replica has (the largest value)"
        : "from spec.replication.semiSync.timeout";
  }
}
