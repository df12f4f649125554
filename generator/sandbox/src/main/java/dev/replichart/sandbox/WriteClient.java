package dev.replichart.sandbox;

import dev.replichart.plan.ChartDescription;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Writes through a client Service of a running sandbox as an application would, in a thread of its
 * own, and records what the cluster acknowledged: rows with increasing ids, one autocommit INSERT
 * (one transaction) each, as the chart's application account (the operator's when the chart has
 * none), into a table it creates, {@code <database>.acked(id BIGINT PRIMARY KEY, at TIMESTAMP(6))}.
 * The database is the one the account sees (the chart's application database), unless given. Each
 * reconnect resolves the Service again to a ready pod it selects now, as {@link Sandbox#sql} does,
 * so after a failover the client follows the primary Service.
 *
 * <p>An id is acknowledged when the server answered OK to its INSERT; an attempt that failed (no
 * endpoint, connect timeout of {@value #CONNECT_TIMEOUT_MILLIS} ms, statement timeout of {@value
 * #STATEMENT_TIMEOUT_MILLIS} ms, an error) is recorded with its reason, and its id is never used
 * again, since it may or may not have been committed. {@link #missingOn} then tells which
 * acknowledged ids a server lacks — a lost write.
 *
 * <p>Why the MariaDB JDBC driver rather than the {@code mariadb} client: an acknowledgement must be
 * exactly the server's OK to the statement, which {@code executeUpdate} returning is, with nothing
 * to parse; a statement on a server that went silent must end after a bounded time, which the
 * driver's socket timeout does, where a client process reading statements from its input can only
 * be killed (its reconnect also reuses the same host, not the Service's current endpoint); and one
 * connection is kept between statements, as an application's pool keeps it, at the cost of a
 * library in the sandbox only.
 */
public final class WriteClient implements AutoCloseable {
  /** How long a connection attempt may take. */
  public static final int CONNECT_TIMEOUT_MILLIS = 1_000;

  /** How long a statement may wait for the server's answer. */
  public static final int STATEMENT_TIMEOUT_MILLIS = 3_000;

  /** Between writes, and after a failure before the next attempt. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(10);

  /**
   * An acknowledged write.
   *
   * @param sentNanos {@link System#nanoTime()} when the INSERT was sent
   * @param ackNanos {@link System#nanoTime()} when the server's OK arrived
   * @param at the wall time of the OK
   * @param pod the pod that acknowledged it
   */
  public record Ack(long id, long sentNanos, long ackNanos, Instant at, String pod) {}

  /**
   * A failed attempt.
   *
   * @param id the id whose INSERT failed (it may or may not be stored), or 0 when none was sent (no
   *     endpoint, no connection)
   * @param nanos {@link System#nanoTime()} when it failed
   * @param pod the pod it was sent to, or "" when none
   */
  public record Failure(long id, long nanos, Instant at, String pod, String error) {}

  private static final String TABLE = "acked";
  private static final Set<String> SYSTEM_DATABASES =
      Set.of("information_schema", "mysql", "performance_schema", "sys");

  private final Sandbox sandbox;
  private final String service;
  private final Duration interval;
  private final ChartDescription.Account account;
  private final List<Ack> acks = new ArrayList<>();
  private final List<Failure> failures = new ArrayList<>();
  private volatile String database;
  private volatile boolean running;
  private Thread thread;
  private long startNanos;
  private long stopNanos;
  private long nextId;

  /** A client of {@code service}, writing every {@link #DEFAULT_INTERVAL}. */
  public WriteClient(Sandbox sandbox, String service) {
    this(sandbox, service, DEFAULT_INTERVAL, null);
  }

  /**
   * @param interval the pause between writes, and after a failure
   * @param database where to create the table; null: the one the client account sees
   */
  public WriteClient(Sandbox sandbox, String service, Duration interval, String database) {
    this.sandbox = sandbox;
    this.service = service;
    this.interval = interval;
    this.database = database;
    this.account = sandbox.clientAccount();
    sandbox.endpoints(service); // an unknown Service fails here, not in the thread
  }

  /** Starts writing in the background. */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("already started");
    }
    running = true;
    startNanos = System.nanoTime();
    thread = new Thread(this::run, "write-client-" + service);
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops writing and waits for the statement in flight to end. */
  public void stop() {
    Thread t;
    synchronized (this) {
      t = thread;
      running = false;
    }
    if (t == null) {
      return;
    }
    try {
      t.join(STATEMENT_TIMEOUT_MILLIS + CONNECT_TIMEOUT_MILLIS + 5_000L);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      if (stopNanos == 0) {
        stopNanos = System.nanoTime();
      }
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** The acknowledged writes so far, in the order they were acknowledged. */
  public synchronized List<Ack> acknowledged() {
    return List.copyOf(acks);
  }

  /** The failed attempts so far, in order. */
  public synchronized List<Failure> failures() {
    return List.copyOf(failures);
  }

  /** {@code database.acked}, once the client found its database (null before). */
  public String table() {
    return database == null ? null : database + "." + TABLE;
  }

  /**
   * The acknowledged ids the pod's server lacks, read as root through its socket.
   *
   * @throws SandboxException when the pod's server does not answer
   */
  public SortedSet<Long> missingOn(String pod) throws IOException {
    if (database == null) {
      throw new SandboxException("the write client has not written anything yet");
    }
    Shell.Result r = sandbox.sql(pod, "SELECT id FROM `" + database + "`.`" + TABLE + "`");
    if (!r.ok()) {
      throw new SandboxException(
          "cannot read " + table() + " on " + pod + ": " + r.output().trim());
    }
    Set<Long> stored = new HashSet<>();
    for (String line : r.output().split("\n")) {
      if (!line.isBlank()) {
        stored.add(Long.parseLong(line.trim()));
      }
    }
    SortedSet<Long> missing = new TreeSet<>();
    for (Ack ack : acknowledged()) {
      if (!stored.contains(ack.id())) {
        missing.add(ack.id());
      }
    }
    return missing;
  }

  /**
   * The longest time without an acknowledgement: between the start and the first, two in a row, or
   * the last and the stop (or now, while running).
   */
  public synchronized Duration longestGap() {
    long previous = startNanos;
    long longest = 0;
    for (Ack ack : acks) {
      longest = Math.max(longest, ack.ackNanos() - previous);
      previous = ack.ackNanos();
    }
    long end = stopNanos != 0 ? stopNanos : System.nanoTime();
    return Duration.ofNanos(Math.max(longest, end - previous));
  }

  /**
   * From {@code nanoTime} ({@link System#nanoTime()}, e.g. when a fault was injected) to the first
   * acknowledgement of a write sent at or after it: the time the cluster took to accept writes
   * again. Empty while none came.
   */
  public synchronized Optional<Duration> firstAckAfter(long nanoTime) {
    for (Ack ack : acks) {
      if (ack.sentNanos() >= nanoTime) {
        return Optional.of(Duration.ofNanos(ack.ackNanos() - nanoTime));
      }
    }
    return Optional.empty();
  }

  private void run() {
    Connection connection = null;
    String pod = "";
    while (running) {
      if (connection == null) {
        List<String> endpoints;
        try {
          endpoints = sandbox.endpoints(service);
        } catch (RuntimeException e) {
          fail(0, "", "cannot resolve Service " + service + ": " + message(e));
          pause();
          continue;
        }
        if (endpoints.isEmpty()) {
          fail(0, "", "Service " + service + " has no ready endpoint");
          pause();
          continue;
        }
        pod = endpoints.get(0);
        try {
          connection = connect(sandbox.ip(pod));
          prepare(connection);
        } catch (SQLException | IOException | RuntimeException e) {
          fail(0, pod, message(e));
          discard(connection);
          connection = null;
          pause();
          continue;
        }
      }
      long id = nextId();
      long sent = System.nanoTime();
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO `" + database + "`.`" + TABLE + "` (id, at) VALUES (?, NOW(6))")) {
        insert.setLong(1, id);
        insert.executeUpdate();
        long acked = System.nanoTime();
        synchronized (this) {
          acks.add(new Ack(id, sent, acked, Instant.now(), pod));
        }
      } catch (SQLException | RuntimeException e) {
        fail(id, pod, message(e));
        discard(connection);
        connection = null;
      }
      pause();
    }
    discard(connection);
    synchronized (this) {
      stopNanos = System.nanoTime();
    }
  }

  private Connection connect(String ip) throws SQLException, IOException {
    Properties properties = new Properties();
    properties.setProperty("user", account.user());
    properties.setProperty("password", sandbox.secret(account.secretKey()));
    properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_MILLIS));
    properties.setProperty("socketTimeout", String.valueOf(STATEMENT_TIMEOUT_MILLIS));
    Connection c =
        new org.mariadb.jdbc.Driver()
            .connect("jdbc:mariadb://" + ip + ":" + sandbox.ports().mysql() + "/", properties);
    c.setAutoCommit(true);
    return c;
  }

  /** The first time: the database, the table, and the first id (above any row already there). */
  private void prepare(Connection c) throws SQLException {
    if (nextId > 0) {
      return;
    }
    try (Statement s = c.createStatement()) {
      if (database == null) {
        List<String> visible = new ArrayList<>();
        try (ResultSet r = s.executeQuery("SHOW DATABASES")) {
          while (r.next()) {
            if (!SYSTEM_DATABASES.contains(r.getString(1))) {
              visible.add(r.getString(1));
            }
          }
        }
        if (visible.size() != 1) {
          throw new SQLException(
              "account "
                  + account.user()
                  + " sees databases "
                  + visible
                  + "; give the write client one");
        }
        database = visible.get(0);
      }
      s.execute(
          "CREATE TABLE IF NOT EXISTS `"
              + database
              + "`.`"
              + TABLE
              + "` (id BIGINT PRIMARY KEY, at TIMESTAMP(6) NOT NULL) ENGINE=InnoDB");
      try (ResultSet r =
          s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM `" + database + "`.`" + TABLE + "`")) {
        r.next();
        nextId = r.getLong(1) + 1;
      }
    }
  }

  private long nextId() {
    return nextId++;
  }

  private synchronized void fail(long id, String pod, String error) {
    failures.add(new Failure(id, System.nanoTime(), Instant.now(), pod, error));
  }

  private void pause() {
    try {
      Thread.sleep(interval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private static String message(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.lines().findFirst().orElse("").trim();
  }

  /** Drops a connection at once: after a timeout its server may not answer a polite close. */
  private static void discard(Connection c) {
    if (c != null) {
      try {
        c.abort(Runnable::run);
      } catch (SQLException | RuntimeException e) {
        // the connection is dropped either way
      }
    }
  }
}
