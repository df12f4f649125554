package dev.replichart.spec;

import dev.replichart.problem.Suggestions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a {@code mysqlConfig} name may be for one engine version: a name the server knows (from the
 * server's own {@code --help --verbose}, vendored under {@code server-options/} by {@code
 * scripts/server-options.sh}), not one of the settings below that break replication, durability,
 * security or read-only safety, and not one replichart forces. An unknown name would stop mysqld
 * from starting on every pod; a denied one would quietly break what the chart promises.
 */
final class ServerOptions {
  /** Each setting a user may not tune, with the reason. Names are in normal form (underscores). */
  static final Map<String, String> DENIED =
      Map.ofEntries(
          Map.entry("skip_grant_tables", "turns off authentication"),
          Map.entry("grant_tables", "turned off, authentication is off"),
          Map.entry("init_file", "runs arbitrary SQL with full privileges at every start"),
          Map.entry("slave_skip_errors", "replicas would skip errors and silently diverge"),
          Map.entry("replica_skip_errors", "replicas would skip errors and silently diverge"),
          Map.entry("slave_exec_mode", "IDEMPOTENT replicas silently diverge"),
          Map.entry("replica_exec_mode", "IDEMPOTENT replicas silently diverge"),
          Map.entry("replicate_do_db", "a filtered replica cannot be promoted without losing data"),
          Map.entry(
              "replicate_ignore_db", "a filtered replica cannot be promoted without losing data"),
          Map.entry(
              "replicate_do_table", "a filtered replica cannot be promoted without losing data"),
          Map.entry(
              "replicate_ignore_table",
              "a filtered replica cannot be promoted without losing data"),
          Map.entry(
              "replicate_wild_do_table",
              "a filtered replica cannot be promoted without losing data"),
          Map.entry(
              "replicate_wild_ignore_table",
              "a filtered replica cannot be promoted without losing data"),
          Map.entry("replicate_rewrite_db", "a rewritten replica cannot be promoted safely"),
          Map.entry("binlog_do_db", "replicas would miss transactions"),
          Map.entry("binlog_ignore_db", "replicas would miss transactions"),
          Map.entry("skip_log_bin", "replicas and clones need the binary log"),
          Map.entry("disable_log_bin", "replicas and clones need the binary log"),
          Map.entry("log_bin_index", "the binary log's place is replichart's"),
          Map.entry("gtid_ignore_duplicates", "hides errant transactions"),
          Map.entry("innodb_doublewrite", "turned off, a crash can tear pages"),
          Map.entry("innodb_flush_method", "some methods lose acknowledged commits on a crash"),
          Map.entry("sync_relay_log", "replicas must keep what they received across a crash"),
          Map.entry("skip_networking", "peers and clients connect over the network"),
          Map.entry("secure_file_priv", "an empty value lets SQL read and write any file"),
          Map.entry("local_infile", "lets clients make the server read their files"),
          Map.entry("plugin_load", "replaces the plugins replichart loads (semi-sync, clone)"),
          Map.entry("plugin_dir", "the plugins replichart loads must come from the image"),
          Map.entry("user", "the container's user is the pod's"),
          Map.entry("pid_file", "the sidecar and probes find the server by replichart's paths"),
          Map.entry("init_slave", "runs SQL on every replica start"),
          Map.entry("init_replica", "runs SQL on every replica start"),
          Map.entry("rpl_semi_sync_master_wait_no_slave", "semi-sync must wait for a replica"));

  private final String engine;
  private final Map<String, Boolean> booleanByName;

  private ServerOptions(String engine, Map<String, Boolean> booleanByName) {
    this.engine = engine;
    this.booleanByName = booleanByName;
  }

  /**
   * The vendored list for a flavor and version, if there is one. Only MariaDB 10.11 is vendored:
   * its list comes from the server on the build machine; other versions are checked against the
   * deny list and the reserved names only.
   */
  static Optional<ServerOptions> of(Flavor flavor, String version) {
    String resource = "server-options/" + flavor.specName() + "-" + version + ".tsv";
    try (InputStream in = ServerOptions.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        return Optional.empty();
      }
      Map<String, Boolean> names = new TreeMap<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] parts = line.split("\t");
        names.put(
            ReservedSettings.normalize(parts[0]), parts.length > 1 && parts[1].equals("bool"));
      }
      return Optional.of(new ServerOptions(flavor.specName() + " " + version, names));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /** The reason a (normalized) name is denied, or null. */
  static String deniedBecause(String name) {
    for (String prefix : List.of("", "skip_", "disable_", "enable_", "maximum_")) {
      if (name.startsWith(prefix) && DENIED.containsKey(name.substring(prefix.length()))) {
        return DENIED.get(name.substring(prefix.length()));
      }
    }
    return null;
  }

  /** Whether the server knows a (normalized) name, a boolean's skip_/disable_/enable_ forms too. */
  boolean knows(String name) {
    if (booleanByName.containsKey(name)) {
      return true;
    }
    for (String prefix : List.of("skip_", "disable_", "enable_")) {
      if (name.startsWith(prefix)
          && Boolean.TRUE.equals(booleanByName.get(name.substring(prefix.length())))) {
        return true;
      }
    }
    return false;
  }

  String engine() {
    return engine;
  }

  /** A did-you-mean hint for an unknown name. */
  String hint(String name) {
    List<String> names = new ArrayList<>(booleanByName.keySet());
    return Suggestions.hint(name, names);
  }
}
