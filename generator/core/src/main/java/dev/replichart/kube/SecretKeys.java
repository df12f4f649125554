package dev.replichart.kube;

/** Keys of the credentials Secret (generated, or the user's {@code auth.existingSecret}). */
public final class SecretKeys {
  /** {@code root@localhost}. */
  public static final String ROOT = "mysql-root-password";

  /** The replication account. */
  public static final String REPLICATION = "mysql-replication-password";

  /** The account the chart's own scripts use (cloning, replication control, failover). */
  public static final String OPERATOR = "mysql-operator-password";

  /** The application account, when the spec asks for one. */
  public static final String APP = "mysql-password";

  private SecretKeys() {}
}
