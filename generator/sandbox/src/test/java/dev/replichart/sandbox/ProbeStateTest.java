package dev.replichart.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The sandbox counts a probe's runs by the manifest's settings, as a kubelet does. */
class ProbeStateTest {
  private static final long S = TimeUnit.SECONDS.toNanos(1);
  private static final SandboxPod.Probe PASS = SandboxPod.Probe.PASSED;
  private static final SandboxPod.Probe FAIL = new SandboxPod.Probe(false, "mysqld: lagging");

  private static PodTemplate.Probe probe(int delay, int period, int success, int failure) {
    return new PodTemplate.Probe(List.of("sh", "probe.sh"), delay, period, 5, success, failure);
  }

  @Test
  void isNotReadyFromTheStartUntilAProbePasses() {
    ProbeState r = new ProbeState(probe(0, 5, 1, 2), 0);
    assertThat(r.ready()).isFalse();
    assertThat(r.message()).isEmpty();
    r.record(FAIL);
    assertThat(r.ready()).isFalse();
    assertThat(r.message()).isEqualTo("mysqld: lagging");
    r.record(PASS);
    assertThat(r.ready()).isTrue();
    assertThat(r.message()).isEmpty();
  }

  @Test
  void staysReadyUntilFailureThresholdFailuresInARow() {
    ProbeState r = new ProbeState(probe(0, 5, 1, 2), 0);
    r.record(PASS);
    r.record(FAIL);
    assertThat(r.ready()).as("one failure of two allowed").isTrue();
    r.record(PASS);
    r.record(FAIL);
    assertThat(r.ready()).as("the count starts over after a pass").isTrue();
    r.record(FAIL);
    assertThat(r.ready()).isFalse();
    assertThat(r.message()).isEqualTo("mysqld: lagging");
  }

  @Test
  void needsSuccessThresholdPassesInARowToTurnReady() {
    ProbeState r = new ProbeState(probe(0, 5, 2, 1), 0);
    r.record(PASS);
    assertThat(r.ready()).isFalse();
    r.record(PASS);
    assertThat(r.ready()).isTrue();
    r.record(FAIL);
    assertThat(r.ready()).isFalse();
  }

  @Test
  void probesAfterTheInitialDelayThenEveryPeriod() {
    ProbeState r = new ProbeState(probe(3, 5, 1, 3), 10 * S);
    assertThat(r.due(12 * S)).isFalse();
    assertThat(r.due(13 * S)).isTrue();
    assertThat(r.due(14 * S)).isFalse();
    assertThat(r.due(17 * S)).isFalse();
    assertThat(r.due(18 * S)).isTrue();
  }

  @Test
  void readsKubernetesDefaultsWhereTheManifestSetsNone() throws Exception {
    PodTemplate.Probe p =
        PodTemplate.Probe.of(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{\"exec\": {\"command\": [\"true\"]}, \"periodSeconds\": 5}"));
    assertThat(p).isEqualTo(new PodTemplate.Probe(List.of("true"), 0, 5, 1, 1, 3));
  }
}
