package dev.replichart.sandbox;

import java.util.concurrent.TimeUnit;

/**
 * One container's readiness as a kubelet's prober keeps it, without the processes: when the next
 * probe is due, and what the results so far make of the container. Ready after {@code
 * successThreshold} passes in a row, not ready after {@code failureThreshold} failures in a row;
 * not ready from a (re)start until a probe passes.
 */
final class Readiness {
  private final PodTemplate.Probe probe;
  private long nextNanos;
  private int successes;
  private int failures;
  private boolean ready;
  private String message = "";

  /** A container that started at {@code startNanos}. */
  Readiness(PodTemplate.Probe probe, long startNanos) {
    this.probe = probe;
    this.nextNanos = startNanos + TimeUnit.SECONDS.toNanos(probe.initialDelaySeconds());
  }

  /** Whether a probe is due at {@code now}; if so, the one after it is due a period later. */
  boolean due(long now) {
    if (now - nextNanos < 0) {
      return false;
    }
    nextNanos = now + TimeUnit.SECONDS.toNanos(probe.periodSeconds());
    return true;
  }

  /** Takes one probe's result. */
  void record(SandboxPod.Probe result) {
    if (result.ready()) {
      failures = 0;
      if (++successes >= probe.successThreshold()) {
        ready = true;
        message = "";
      }
    } else {
      successes = 0;
      message = result.message();
      if (++failures >= probe.failureThreshold()) {
        ready = false;
      }
    }
  }

  boolean ready() {
    return ready;
  }

  /** What the last failed probe said while the container is not ready, or "". */
  String message() {
    return ready ? "" : message;
  }
}
