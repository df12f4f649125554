package dev.replichart.plan;

/** How replicas reconnect to their source; the scripts and the forced settings share these. */
public final class Replication {
  /** Seconds between a replica's reconnection attempts ({@code MASTER_CONNECT_RETRY}). */
  public static final int CONNECT_RETRY_SECONDS = 5;

  /**
   * Reconnection attempts before a replica's IO thread gives up: about 5.8 days at {@link
   * #CONNECT_RETRY_SECONDS}. Set explicitly rather than left to each server's default.
   */
  public static final int CONNECT_RETRY_COUNT = 100_000;

  /**
   * Seconds without data or a heartbeat after which a replica considers its source lost ({@code
   * slave_net_timeout}/{@code replica_net_timeout}; the heartbeat period defaults to half). The
   * servers' default, 60 s, would leave a partitioned primary "connected" for a minute.
   */
  public static final int NET_TIMEOUT_SECONDS = 4;

  private Replication() {}
}
