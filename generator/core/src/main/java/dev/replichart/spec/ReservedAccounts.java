package dev.replichart.spec;

import java.util.Locale;
import java.util.Set;

/**
 * Database accounts and schemas the chart itself creates or relies on. Defined here, where the spec
 * rejects them as the application's user or database, and read by the plan ({@code plan.Accounts}),
 * so the names the chart uses and the names the spec refuses are one list.
 */
public final class ReservedAccounts {
  /** Replicas connect to the primary as this user ({@code REPLICATION SLAVE} only). */
  public static final String REPLICATION = "replication";

  /** The chart's scripts (cloning, replication control, failover) connect as this user. */
  public static final String OPERATOR = "operator";

  /** The server's administrator, {@code root@localhost}. */
  public static final String ROOT = "root";

  /**
   * User names the application may not take: the chart's own, and the servers' system accounts
   * (MySQL's {@code mysql.sys} and the like have a dot, which the spec's name rule already
   * refuses).
   */
  public static final Set<String> USERS = Set.of(ROOT, REPLICATION, OPERATOR);

  /** Schemas the servers keep for themselves: granting the application user on them is fatal. */
  public static final Set<String> DATABASES =
      Set.of("mysql", "sys", "information_schema", "performance_schema");

  private ReservedAccounts() {}

  /** Compared without case: MySQL's names differ by case, but a reader's eye does not. */
  public static boolean isReservedUser(String name) {
    return USERS.contains(name.toLowerCase(Locale.ROOT));
  }

  public static boolean isReservedDatabase(String name) {
    return DATABASES.contains(name.toLowerCase(Locale.ROOT));
  }
}
