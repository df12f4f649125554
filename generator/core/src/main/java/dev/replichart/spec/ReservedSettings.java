package dev.replichart.spec;

import java.util.Locale;
import java.util.Set;

/**
 * Server settings that replication, cloning and failover depend on. The chart always sets them
 * itself (after the user's tunables, so they win), and the spec rejects them in {@code
 * mysqlConfig}: a user must not be able to turn off what keeps the data safe.
 */
public final class ReservedSettings {
  public static final Set<String> NAMES =
      Set.of(
          "bind_address",
          "binlog_format",
          "datadir",
          "enforce_gtid_consistency",
          "gtid_domain_id",
          "gtid_mode",
          "gtid_strict_mode",
          "innodb_flush_log_at_trx_commit",
          "log_bin",
          "log_replica_updates",
          "log_slave_updates",
          "master_retry_count",
          "plugin_load_add",
          "port",
          "read_only",
          "relay_log",
          "relay_log_recovery",
          "replica_net_timeout",
          "report_host",
          "rpl_semi_sync_master_enabled",
          "rpl_semi_sync_master_timeout",
          "rpl_semi_sync_master_wait_point",
          "rpl_semi_sync_slave_enabled",
          "rpl_semi_sync_source_enabled",
          "rpl_semi_sync_source_timeout",
          "rpl_semi_sync_source_wait_for_replica_count",
          "rpl_semi_sync_source_wait_point",
          "rpl_semi_sync_replica_enabled",
          "server_id",
          "skip_name_resolve",
          "skip_replica_start",
          "skip_slave_start",
          "slave_net_timeout",
          "socket",
          "super_read_only",
          "sync_binlog");

  private ReservedSettings() {}

  /** MySQL treats {@code -} and {@code _} in option names alike; so do we. */
  public static String normalize(String name) {
    return name.trim().replace('-', '_').toLowerCase(Locale.ROOT);
  }

  public static boolean isReserved(String name) {
    return NAMES.contains(normalize(name));
  }
}
