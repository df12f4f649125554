package dev.replichart.sandbox;

import dev.replichart.plan.ChartDescription;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Watches for two writable primaries: samples every pod's server every {@link #DEFAULT_PERIOD} (as
 * root through the pod's socket: {@code SELECT @@GLOBAL.read_only}; a server that does not answer
 * is not writable) and records each sample in which two or more were writable. The socket is on the
 * host, so a pod cut off the network is still sampled — a partitioned old primary that stays
 * writable is exactly what this is for.
 *
 * <p>Each pod has one {@code mariadb} client process that stays connected; a sample sends the query
 * to all of them first and then reads the answers, so the servers are asked within a millisecond or
 * two of each other. A switch of the primary faster than that could still show as an overlap (the
 * old one read a moment before it turned read-only, the new one a moment after it turned writable):
 * a violation names the pods and the time, for the reader to judge against the logs.
 */
public final class WritersChecker implements AutoCloseable {
  /** Between samples. */
  public static final Duration DEFAULT_PERIOD = Duration.ofMillis(150);

  /** How long a server may take to answer a sample. */
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(1);

  /**
   * A sample in which more than one server was writable.
   *
   * @param nanos {@link System#nanoTime()} when the sample was taken
   * @param writable the pods whose server was writable, in ordinal order
   */
  public record Violation(long nanos, Instant at, List<String> writable) {}

  private final Sandbox sandbox;
  private final Duration period;
  private final ChartDescription.Account root;
  private final List<Violation> violations = new ArrayList<>();
  private final Map<String, Session> sessions = new HashMap<>();
  private volatile boolean running;
  private volatile long samples;
  private Thread thread;

  public WritersChecker(Sandbox sandbox) {
    this(sandbox, DEFAULT_PERIOD);
  }

  public WritersChecker(Sandbox sandbox, Duration period) {
    this.sandbox = sandbox;
    this.period = period;
    this.root = sandbox.rootAccount();
  }

  /** Starts sampling in the background. */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("already started");
    }
    running = true;
    thread = new Thread(this::run, "writers-checker");
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops sampling and waits for the sample in progress. */
  public void stop() {
    Thread t;
    synchronized (this) {
      running = false;
      t = thread;
    }
    if (t != null) {
      try {
        t.join(ANSWER_TIMEOUT.toMillis() + period.toMillis() + 5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** The samples with two or more writable servers, in order. */
  public synchronized List<Violation> violations() {
    return List.copyOf(violations);
  }

  /** How many samples were taken: with none, "no violation" proves nothing. */
  public long samples() {
    return samples;
  }

  private void run() {
    try {
      while (running) {
        long started = System.nanoTime();
        sample();
        long rest = period.toNanos() - (System.nanoTime() - started);
        if (rest > 0) {
          TimeUnit.NANOSECONDS.sleep(rest);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      sessions.values().forEach(Session::close);
      sessions.clear();
    }
  }

  /** One sample: ask every server at once, then read the answers. */
  private void sample() {
    long nanos = System.nanoTime();
    Instant at = Instant.now();
    Map<String, Session> asked = new LinkedHashMap<>();
    List<String> pods;
    try {
      pods = sandbox.podNames();
    } catch (RuntimeException e) {
      return;
    }
    for (String gone : new ArrayList<>(sessions.keySet())) {
      if (!pods.contains(gone)) {
        sessions.remove(gone).close(); // scaled down
      }
    }
    for (String pod : pods) {
      Session session = session(pod);
      if (session != null && session.send("SELECT @@GLOBAL.read_only;")) {
        asked.put(pod, session);
      }
    }
    List<String> writable = new ArrayList<>();
    for (Map.Entry<String, Session> e : asked.entrySet()) {
      String answer = e.getValue().answer(ANSWER_TIMEOUT);
      if ("0".equals(answer)) {
        writable.add(e.getKey());
      } else if (!"1".equals(answer)) {
        // an error or no answer: the next sample starts a new client
        e.getValue().close();
        sessions.remove(e.getKey());
      }
    }
    samples++;
    if (writable.size() > 1) {
      synchronized (this) {
        violations.add(new Violation(nanos, at, List.copyOf(writable)));
      }
    }
  }

  /** The pod's connected client, started when there is none; null when its server is down. */
  private Session session(String pod) {
    Session s = sessions.get(pod);
    if (s != null && s.alive()) {
      return s;
    }
    if (s != null) {
      s.close();
      sessions.remove(pod);
    }
    Path socket;
    try {
      socket = sandbox.socket(pod);
    } catch (RuntimeException e) {
      return null;
    }
    if (!Files.exists(socket)) {
      return null;
    }
    try {
      s =
          new Session(
              List.of(
                  "mariadb",
                  "-N",
                  "-B",
                  "--unbuffered",
                  "--connect-timeout=1",
                  "--socket=" + socket,
                  "-u",
                  root.user()),
              sandbox.secret(root.secretKey()));
    } catch (IOException e) {
      return null;
    }
    sessions.put(pod, s);
    return s;
  }

  /** A {@code mariadb} client that stays connected: a query in, its one-line answer out. */
  private static final class Session {
    private final Process process;
    private final OutputStream in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    Session(List<String> command, String password) throws IOException {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().put("MYSQL_PWD", password); // not on a command line others can read
      process = builder.start();
      in = process.getOutputStream();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader out =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line.trim());
                  }
                } catch (IOException e) {
                  // the process ended; alive() says so
                }
              },
              "writers-checker-session");
      reader.setDaemon(true);
      reader.start();
    }

    boolean alive() {
      return process.isAlive();
    }

    boolean send(String query) {
      lines.clear();
      try {
        in.write((query + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        return true;
      } catch (IOException e) {
        return false;
      }
    }

    /** The next line of output, or null when none came in time. */
    String answer(Duration timeout) {
      try {
        return lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }

    void close() {
      process.destroyForcibly();
    }
  }
}
