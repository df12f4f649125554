package dev.replichart.plan;

import java.util.List;

/**
 * Every decision behind one generated chart. Templates receive it as their only input.
 *
 * @param header the text that marks each generated file as generated, and from what
 * @param chart Chart.yaml fields
 * @param prefix the prefix of the chart's named templates ({@code <prefix>.fullname})
 * @param labels label keys and values that do not depend on the release
 * @param engine the flavor-specific decisions
 * @param ports the MySQL and clone ports
 * @param paths where things are inside the pods
 * @param serverConfig the forced settings of master.cnf and slave.cnf
 * @param replicas default and bounds of the replica count
 * @param semiSync whether semi-sync is on (the scripts enable the source side on promotion)
 * @param withNfs whether the chart runs the NFS provisioner (templates test this, not {@code nfs})
 * @param nfs the NFS provisioner, or null when an existing StorageClass is used
 * @param storageClass the existing StorageClass default ("" = cluster default) when nfs is null
 * @param failoverJob whether the chart contains the failover CronJob template
 * @param secretKeys keys of the credentials Secret, in order
 * @param appUser whether an application user and database are created at bootstrap
 * @param app the application database and user (empty strings when none)
 * @param valuesYaml the body of values.yaml
 * @param valuesSchema values.schema.json
 * @param valueParams every value with its default, for the chart's README
 * @param imageContracts image → binaries table
 * @param scripts the scripts shipped in the ConfigMap, by file name
 * @param files the files of the chart: output path and the template that prints it
 */
public record ChartPlan(
    String header,
    ChartMeta chart,
    String prefix,
    Labels labels,
    EngineProfile engine,
    PortPlan ports,
    Paths paths,
    ServerConfig serverConfig,
    ReplicaBounds replicas,
    boolean semiSync,
    boolean withNfs,
    NfsPlan nfs,
    String storageClass,
    boolean failoverJob,
    SecretKeys secretKeys,
    boolean appUser,
    AppAccount app,
    String valuesYaml,
    String valuesSchema,
    List<ValuesDocument.Param> valueParams,
    List<EngineProfile.ImageContract> imageContracts,
    List<String> scripts,
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
   * Release-independent labels.
   *
   * @param role the label the sidecar keeps on each pod ({@code primary} or {@code replica}); the
   *     client Services select on it
   */
  public record Labels(
      String partOf,
      String componentDatabase,
      String componentNfs,
      String componentFailover,
      String role,
      String rolePrimary,
      String roleReplica,
      PolicyAnnotations annotations) {}

  /**
   * The annotation keys through which a chart tells the policy checks what they cannot infer.
   *
   * @param runtimeLabels pod label keys set at run time (the role label)
   * @param exceptions policy checks a workload is exempt from
   * @param storageClass "external" when volume claims use a StorageClass outside the chart
   */
  public record PolicyAnnotations(String runtimeLabels, String exceptions, String storageClass) {}

  /** The application database and user created at bootstrap; empty strings for none. */
  public record AppAccount(String database, String username) {}

  /** Ports. */
  public record PortPlan(int mysql, int cloning) {}

  /** Replica count default and the bounds the values schema enforces. */
  public record ReplicaBounds(int count, int min, int max) {}

  /**
   * Keys of the credentials Secret.
   *
   * @param used the keys this chart needs, in order ({@code app} only with an application user)
   */
  public record SecretKeys(
      String root, String replication, String operator, String app, List<String> used) {}

  /**
   * One file of the chart.
   *
   * @param path chart-relative output path
   * @param template template path under {@code templates/chart/}
   */
  public record OutputFile(String path, String template) {}
}
