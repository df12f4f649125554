package dev.replichart.plan;

/**
 * The database accounts the chart's scripts create and use besides {@code root@localhost} and the
 * application user the spec names. The spec may not take these names for the application user.
 */
public final class Accounts {
  /** Replicas connect to the primary as this user ({@code REPLICATION SLAVE} only). */
  public static final String REPLICATION = "replication";

  /** The chart's scripts (cloning, replication control, failover) connect as this user. */
  public static final String OPERATOR = "operator";

  private Accounts() {}
}
