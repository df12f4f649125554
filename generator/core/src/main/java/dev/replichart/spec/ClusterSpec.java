package dev.replichart.spec;

import java.util.SortedMap;

/**
 * A complete, checked cluster spec.
 *
 * @param source the spec's file name, used in the header of every generated file
 * @param name the cluster name ({@code metadata.name})
 * @param chart chart name, version and description
 * @param engine flavor and version of the database engine
 * @param replicas the number of database pods (default for the chart's {@code replicaCount})
 * @param replication GTID, semi-sync and lag settings
 * @param cloning how new replicas copy a peer
 * @param storage volume size and where volumes come from
 * @param failover which failover machinery the chart contains
 * @param auth where passwords come from and the application account
 * @param resources requests and limits per container
 * @param mysqlConfig extra server settings (tunables), sorted by name
 */
public record ClusterSpec(
    String source,
    String name,
    ChartInfo chart,
    Engine engine,
    int replicas,
    Replication replication,
    CloneSettings cloning,
    Storage storage,
    Failover failover,
    Auth auth,
    Resources resources,
    SortedMap<String, String> mysqlConfig) {

  /** Upper bound on pods: peers are found by probing ordinals {@code 0..MAX_REPLICAS-1}. */
  public static final int MAX_REPLICAS = 9;

  /** The chart's identity. */
  public record ChartInfo(String name, String version, String description) {}

  /** Engine flavor and major.minor version. */
  public record Engine(Flavor flavor, String version) {}

  /** Replication settings. */
  public record Replication(
      boolean gtid, SemiSync semiSync, int maxLagSeconds, ErrantPolicy errantPolicy) {}

  /**
   * What a replica does with errant transactions (ones the primary lacks: an old primary's
   * unacknowledged tail, a write made on a replica). Either way it leaves the read Service and says
   * so in its log, an Event and its readiness.
   */
  public enum ErrantPolicy {
    /** Left for a person to inspect: the transactions may be someone's data. */
    REPORT,
    /** Its data is replaced by a fresh clone of a healthy peer. */
    RECLONE;

    public String specName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Semi-synchronous replication: a commit is acknowledged only once a replica has it.
   *
   * @param timeoutMillis how long the primary waits for an acknowledgement before falling back to
   *     asynchronous replication
   */
  public record SemiSync(boolean enabled, long timeoutMillis, int waitForReplicas) {
    /**
     * The timeout with automatic failover: the largest both servers accept (about 49 days), so a
     * commit is never acknowledged without a replica having it.
     */
    public static final long UNLIMITED_TIMEOUT_MS = 4_294_967_295L;

    /**
     * The fewest pods that let the primary get its acknowledgements: itself and {@code
     * waitForReplicas} replicas (1 without semi-sync). The spec check and the values schema's
     * {@code replicaCount} minimum both come from here.
     */
    public int minReplicas() {
      return enabled ? waitForReplicas + 1 : 1;
    }
  }

  /** Clone method and the port the sidecar serves backups on. */
  public record CloneSettings(CloneMethod method, int port) {}

  /** Volume size and provisioning. */
  public record Storage(String size, Provisioner provisioner) {}

  /** Where the StatefulSet's volumes come from. */
  public sealed interface Provisioner permits NfsProvisioner, ExistingStorageClass {}

  /**
   * The chart runs an NFS server provisioner over a local volume and a StorageClass it serves.
   *
   * @param hostPath the node directory the NFS server exports from
   * @param nodeSelector the labels of the one node whose directory holds every replica's data
   */
  public record NfsProvisioner(String hostPath, SortedMap<String, String> nodeSelector)
      implements Provisioner {}

  /** Volumes come from a StorageClass that already exists in the cluster. */
  public record ExistingStorageClass(String storageClass) implements Provisioner {}

  /**
   * Failover machinery.
   *
   * @param job the chart contains a failover Job template that an operator starts on demand
   * @param automatic the sidecars fail over by themselves when the primary is lost
   */
  public record Failover(boolean job, boolean automatic) {}

  /**
   * Credentials.
   *
   * @param existingSecret a Secret the user manages, or empty to let the chart generate one
   * @param requireExistingSecret the chart never generates passwords: renderers that run {@code
   *     helm template} (Argo CD, Flux) would make new ones on every sync
   * @param database the application database created at bootstrap, or empty for none
   * @param username the application user created at bootstrap, or empty for none
   */
  public record Auth(
      String existingSecret, boolean requireExistingSecret, String database, String username) {}

  /** Requests and limits for the database container and the helper containers. */
  public record Resources(ContainerResources mysqld, ContainerResources sidecar) {}

  /** Kubernetes quantities; an empty string means "not set". */
  public record ContainerResources(
      String requestsCpu, String requestsMemory, String limitsCpu, String limitsMemory) {}
}
