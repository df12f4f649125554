package dev.replichart.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.replichart.plan.Planner;
import dev.replichart.problem.ProblemsException;
import dev.replichart.render.ChartRenderer;
import dev.replichart.render.RenderedChart;
import dev.replichart.render.TemplateEngine;
import dev.replichart.spec.SpecParser;
import org.junit.jupiter.api.Test;

/** What a real cluster needs of storage and secrets that a spec must say. */
class StorageAndSecretsTest {
  private static final String HEAD =
      "apiVersion: replichart.dev/v1alpha1\nkind: MySQLCluster\nmetadata: {name: db}\nspec:\n";

  private static RenderedChart render(String spec) throws ProblemsException {
    return new ChartRenderer(new TemplateEngine())
        .render(new Planner("test").plan(SpecParser.parse(HEAD + spec, "s.yaml", "s.yaml")));
  }

  @Test
  void anNfsProvisionerNeedsTheNodeItRunsOn() {
    assertThatThrownBy(
            () ->
                render(
                    "  storage:\n    provisioner:\n      type: nfs\n"
                        + "      backing: {hostPath: /srv/nfs}\n"))
        .isInstanceOf(ProblemsException.class)
        .satisfies(
            e ->
                assertThat(((ProblemsException) e).problems())
                    .singleElement()
                    .satisfies(
                        p -> {
                          assertThat(p.path()).isEqualTo("spec.storage.provisioner.nodeSelector");
                          assertThat(p.location().line()).isEqualTo(7);
                        }));
  }

  @Test
  void theNfsServerRunsOnTheSelectedNodeAndTheSelectorCannotBeEmptied() throws Exception {
    RenderedChart chart =
        render(
            "  storage:\n    provisioner:\n      type: nfs\n      backing: {hostPath: /srv/nfs}\n"
                + "      nodeSelector: {disk: nfs}\n");
    assertThat(chart.files().get("templates/storage/nfs-deployment.yaml"))
        .contains("nodeSelector:\n        {{- toYaml .Values.nfs.nodeSelector | nindent 8 }}");
    assertThat(chart.files().get("values.yaml")).contains("disk: \"nfs\"");
    assertThat(chart.files().get("values.schema.json")).contains("\"minProperties\" : 1");
  }

  @Test
  void requireExistingSecretNeedsTheSecretAndGeneratesNone() throws Exception {
    assertThatThrownBy(() -> render("  auth: {requireExistingSecret: true}\n"))
        .isInstanceOf(ProblemsException.class)
        .hasMessageContaining("1 problem");
    RenderedChart chart =
        render("  auth: {requireExistingSecret: true, existingSecret: db-passwords}\n");
    assertThat(chart.files()).doesNotContainKey("templates/access/secret.yaml");
    assertThat(chart.files().get("values.yaml")).contains("existingSecret: \"db-passwords\"");
    assertThat(chart.files().get("values.schema.json")).contains("\"minLength\" : 1");
    assertThat(render("  auth: {existingSecret: db-passwords}\n").files())
        .containsKey("templates/access/secret.yaml");
  }
}
