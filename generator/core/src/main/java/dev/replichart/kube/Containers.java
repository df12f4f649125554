package dev.replichart.kube;

import java.util.List;

/** Names of the containers the chart's workloads run. */
public final class Containers {
  public static final String INIT_MYSQL = "init-mysql";
  public static final String CLONE_MYSQL = "clone-mysql";
  public static final String MYSQLD = "mysqld";
  public static final String SIDECAR = "sidecar";
  public static final String FAILOVER = "failover";
  public static final String SWITCHOVER = "switchover";
  public static final String NFS_PROVISIONER = "nfs-provisioner";

  /** The database pod's containers in start order: init containers first. */
  public static final List<String> DATABASE_POD = List.of(INIT_MYSQL, CLONE_MYSQL, MYSQLD, SIDECAR);

  private Containers() {}
}
