package dev.replichart.kube;

/**
 * Every label key and fixed label value the chart, its scripts and the tools use, defined once.
 * Templates receive them through the plan; the scripts through the generated {@code lib-k8s.sh}.
 */
public final class Labels {
  /** The standard component label: which part of the chart an object belongs to. */
  public static final String COMPONENT = "app.kubernetes.io/component";

  /** The value of {@code app.kubernetes.io/part-of} on every object. */
  public static final String PART_OF = "replichart";

  public static final String COMPONENT_DATABASE = "database";
  public static final String COMPONENT_NFS = "nfs-provisioner";
  public static final String COMPONENT_FAILOVER = "failover";

  /**
   * The label the sidecar keeps on each database pod and the failover Job moves; the client
   * Services select on it. Its values are {@link #ROLE_PRIMARY} and {@link #ROLE_REPLICA}.
   */
  public static final String ROLE = "replichart.dev/role";

  public static final String ROLE_PRIMARY = "primary";
  public static final String ROLE_REPLICA = "replica";

  private Labels() {}
}
