package dev.replichart.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JobAddressTest {
  @Test
  void everyJobGetsAHostNumberInsideTheSubnetAboveThePods() {
    IntStream.range(0, 1_000)
        .forEach(
            index ->
                assertThat(SandboxPod.jobHost(index))
                    .as("Job %d", index)
                    .isBetween(SandboxPod.FIRST_JOB_HOST, 254));
  }

  @Test
  void jobsRunOneAfterAnotherGetDistinctNumbersUntilTheyCycle() {
    assertThat(IntStream.range(0, SandboxPod.JOB_HOSTS).map(SandboxPod::jobHost).distinct().count())
        .isEqualTo(SandboxPod.JOB_HOSTS);
    assertThat(SandboxPod.jobHost(SandboxPod.JOB_HOSTS)).isEqualTo(SandboxPod.jobHost(0));
  }
}
