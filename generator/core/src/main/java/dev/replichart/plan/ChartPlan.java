package dev.replichart.plan;

import java.util.List;

/**
 * Every decision behind one generated chart, grouped by what it is about. Templates receive it as
 * their only input and print it; a part that does not apply is null (templates see an empty, false
 * object and test the part itself, as in {@code [% if storage.nfs %]}).
 *
 * @param header the text that marks each generated file as generated, and from what
 * @param chart Chart.yaml fields
 * @param prefix the prefix of the chart's named templates ({@code <prefix>.fullname})
 * @param labels label keys and values that do not depend on the release
 * @param annotations the annotation keys through which the chart tells the policy checks what they
 *     cannot infer
 * @param containers the names of the containers
 * @param jobEnv environment variables an operator may set on the chart's Jobs
 * @param engine the flavor-specific decisions
 * @param ports the MySQL and clone ports
 * @param paths where things are inside the pods
 * @param serverConfig the forced settings of master.cnf and slave.cnf
 * @param replication replica count bounds and whether semi-sync is on
 * @param storage where the volumes come from
 * @param failoverJob whether the chart contains the failover CronJob
 * @param auth the accounts and the keys of the credentials Secret
 * @param documents generated documents the templates print whole
 * @param description what the chart's pods need, written into the chart as {@value
 *     ChartDescription#FILE}; the README's image table is printed from it
 * @param files the files of the chart: output path and the template that prints it
 */
public record ChartPlan(
    String header,
    ChartMeta chart,
    String prefix,
    LabelNames labels,
    AnnotationNames annotations,
    ContainerNames containers,
    JobEnvNames jobEnv,
    EngineProfile engine,
    PortPlan ports,
    Paths paths,
    ServerConfig serverConfig,
    ReplicationPlan replication,
    StoragePlan storage,
    boolean failoverJob,
    AuthPlan auth,
    Documents documents,
    ChartDescription description,
    List<OutputFile> files) {

  /** Chart.yaml fields; the digest is filled in once every other file is rendered. */
  public record ChartMeta(
      String name,
      String version,
      String appVersion,
      String description,
      String kubeVersion,
      String source,
      String generator) {}

  /**
   * Release-independent labels (from {@link dev.replichart.kube.Labels}).
   *
   * @param role the label the sidecar keeps on each pod ({@code primary} or {@code replica}); the
   *     client Services select on it
   */
  public record LabelNames(
      String component,
      String partOf,
      String componentDatabase,
      String componentNfs,
      String componentFailover,
      String role,
      String rolePrimary,
      String roleReplica) {}

  /**
   * Annotation keys (from {@link dev.replichart.kube.Annotations}).
   *
   * @param runtimeLabels pod label keys set at run time (the role label)
   * @param policyExceptions policy checks a workload is exempt from
   * @param storageClass {@code external} when volume claims use a StorageClass outside the chart
   * @param databaseRuntimeLabels the database pods' {@code runtimeLabels} value: each key with the
   *     values the sidecar and the failover Job set ({@code replichart.dev/role=primary|replica})
   */
  public record AnnotationNames(
      String runtimeLabels,
      String policyExceptions,
      String storageClass,
      String external,
      String databaseRuntimeLabels) {}

  /** Container names (from {@link dev.replichart.kube.Containers}). */
  public record ContainerNames(
      String initMysql,
      String cloneMysql,
      String mysqld,
      String sidecar,
      String failover,
      String switchover,
      String nfsProvisioner) {}

  /**
   * Environment variables an operator sets on a Job (from {@link
   * dev.replichart.kube.JobEnvironment}).
   *
   * @param targetPod the switchover Job's target pod
   */
  public record JobEnvNames(String targetPod) {}

  /**
   * Ports.
   *
   * @param cloning the port the sidecar serves streamed backups on, or 0 when the clone method
   *     needs none (the CLONE plugin copies over the MySQL port)
   */
  public record PortPlan(int mysql, int cloning) {}

  /**
   * Replication.
   *
   * @param replicas default and bounds of the replica count
   * @param semiSync whether semi-sync is on (the scripts enable the source side on promotion)
   * @param cloneMethod how a new replica copies a peer ({@code spec.clone.method})
   * @param automaticFailover whether the sidecars fail over by themselves ({@code
   *     spec.failover.automatic})
   * @param connectRetrySeconds seconds between a replica's reconnection attempts
   * @param connectRetryCount reconnection attempts before a replica gives up
   */
  public record ReplicationPlan(
      ReplicaBounds replicas,
      boolean semiSync,
      String cloneMethod,
      int connectRetrySeconds,
      int connectRetryCount,
      boolean automaticFailover) {}

  /** Replica count default and the bounds the values schema enforces. */
  public record ReplicaBounds(int count, int min, int max) {}

  /**
   * Where the database volumes come from.
   *
   * @param nfs the NFS provisioner the chart runs, or null when an existing StorageClass is used
   * @param storageClass the existing StorageClass default ("" = the cluster default) without NFS
   */
  public record StoragePlan(NfsPlan nfs, String storageClass) {}

  /**
   * Accounts and credentials.
   *
   * @param replicationUser the user replicas connect as
   * @param operatorUser the user the chart's scripts connect as
   * @param app the application database and user created at bootstrap, or null for none
   * @param secretKeys the keys of the credentials Secret
   */
  public record AuthPlan(
      String replicationUser, String operatorUser, AppAccount app, SecretKeyNames secretKeys) {}

  /** The application database and user created at bootstrap. */
  public record AppAccount(String database, String username) {}

  /**
   * Keys of the credentials Secret (from {@link dev.replichart.kube.SecretKeys}).
   *
   * @param used the keys this chart needs, in order ({@code app} only with an application user)
   */
  public record SecretKeyNames(
      String root, String replication, String operator, String app, List<String> used) {}

  /**
   * Documents made whole by the plan.
   *
   * @param valuesYaml the body of values.yaml
   * @param valuesSchema values.schema.json
   * @param valueParams every value with its default, for the chart's README
   * @param descriptionJson {@value ChartDescription#FILE}
   */
  public record Documents(
      String valuesYaml,
      String valuesSchema,
      List<ValuesDocument.Param> valueParams,
      String descriptionJson) {}

  /**
   * One file of the chart.
   *
   * @param path chart-relative output path
   * @param template template path under {@code templates/}
   */
  public record OutputFile(String path, String template) {}
}
