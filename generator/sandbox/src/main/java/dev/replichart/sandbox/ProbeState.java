package dev.replichart.sandbox;

import java.util.concurrent.TimeUnit;

/**
 * What one of a container's probes (startup or readiness) has found, as a kubelet's probe worker
 * keeps it, without the processes: when the next run is due, and whether the probe counts as
 * passing. Passing after {@code successThreshold} passes in a row, failing after {@code
 * failureThreshold} failures in a row; failing from a (re)start until a run passes.
 */
final class ProbeState {
  private final PodTemplate.Probe probe;
  private long nextNanos;
  private int successes;
  private int failures;
  private boolean ready;
  private String message = "";

  /** The probe of a container that started at {@code startNanos}. */
  ProbeState(PodTemplate.Probe probe, long startNanos) {
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

  /** What the last failed run said while the probe is not passing, or "". */
  String message() {
    return ready ? "" : message;
  }
}
