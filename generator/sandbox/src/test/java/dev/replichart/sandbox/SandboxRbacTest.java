package dev.replichart.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.replichart.TestFiles;
import dev.replichart.pipeline.ChartGenerator;
import dev.replichart.render.ChartWriter;
import dev.replichart.render.RenderedChart;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The API stand-in enforces the chart's rendered RBAC as an API server would: with {@code patch}
 * taken out of the database Role's pod rule, the sidecar's label update is refused with a 403 that
 * its log shows in the API server's words, and no pod gets the primary label.
 */
@Tag("e2e")
class SandboxRbacTest {
  private static final Path STATE = Path.of("/var/tmp/replichart-sandbox-rbac");

  @Test
  void aVerbMissingFromARenderedRoleIsForbiddenAndTheScriptLogSaysSo() throws Exception {
    List<String> missing = Prerequisites.missing();
    if (!missing.isEmpty()) {
      if ("true".equals(System.getenv("CI"))) {
        fail("the sandbox cannot run in CI: " + missing);
      }
      Assumptions.abort("sandbox prerequisites missing (run as root after make deps): " + missing);
    }
    Path work = Files.createTempDirectory("replichart-rbac");
    RenderedChart rendered =
        new ChartGenerator().render(TestFiles.repoRoot().resolve("examples/mariadb.yaml"));
    Path chart = work.resolve(rendered.name());
    ChartWriter.writeFiles(rendered, chart);
    Path role = chart.resolve("templates/replication/role.yaml");
    String text = Files.readString(role, StandardCharsets.UTF_8);
    String podRule = "    verbs:\n      - get\n      - patch\n      - delete\n  - apiGroups:";
    assertThat(text).contains(podRule);
    Files.writeString(
        role,
        text.replace(podRule, "    verbs:\n      - get\n      - delete\n  - apiGroups:"),
        StandardCharsets.UTF_8);

    Path values = work.resolve("sandbox.yaml");
    Files.writeString(values, "replication:\n  bootstrapGraceSeconds: 5\n");
    try (Sandbox sandbox = Sandbox.up(chart, List.of(values), 2, STATE)) {
      String pod = sandbox.statefulSet() + "-0";
      Path sidecar = sandbox.logFile(pod, "sidecar");
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      String log = "";
      // The 403 comes first; what the Role still grants (recording the initialisation in the
      // state ConfigMap) follows within the same reconcile, a moment later.
      while (System.nanoTime() < deadline
          && !(log.contains("HTTP 403") && log.contains("recorded in ConfigMap"))) {
        Thread.sleep(500);
        log = Files.exists(sidecar) ? Files.readString(sidecar, StandardCharsets.UTF_8) : "";
      }
      assertThat(log)
          .contains("Kubernetes API PATCH /api/v1/namespaces/default/pods/" + pod + ": HTTP 403")
          .contains(
              "is forbidden: User \\\"system:serviceaccount:default:"
                  + sandbox.statefulSet()
                  + "\\\" cannot patch resource \\\"pods\\\"")
          .contains("could not set the pod label");
      assertThat(sandbox.labels(pod)).doesNotContainKey("replichart.dev/role");
      // What the Role still grants goes through: the primary recorded the initialisation.
      assertThat(log).contains("recorded in ConfigMap " + sandbox.statefulSet() + "-state");
    }
  }
}
