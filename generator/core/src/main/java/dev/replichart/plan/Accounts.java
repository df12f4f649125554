package dev.replichart.plan;

import dev.replichart.spec.ReservedAccounts;

/**
 * The database accounts the chart's scripts create and use besides {@code root@localhost} and the
 * application user the spec names. The names are defined in {@link ReservedAccounts}, where the
 * spec refuses them as the application user.
 */
public final class Accounts {
  /** Replicas connect to the primary as this user ({@code REPLICATION SLAVE} only). */
  public static final String REPLICATION = ReservedAccounts.REPLICATION;

  /** The chart's scripts (cloning, replication control, failover) connect as this user. */
  public static final String OPERATOR = ReservedAccounts.OPERATOR;

  private Accounts() {}
}
