package dev.replichart.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.replichart.problem.Problem;
import dev.replichart.problem.ProblemsException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateEngineTest {
  private final TemplateEngine engine = new TemplateEngine();

  @Test
  void anUnknownVariableIsAnErrorAtTheTemplatesFileAndLine() {
    ProblemsException e =
        assertThrows(
            ProblemsException.class,
            () ->
                engine.render(
                    "chart/testing/unknown-variable.yaml.j2",
                    Map.of("chart", Map.of("name", "c"))));
    Problem p = e.problems().get(0);
    assertThat(p.location().file()).isEqualTo("templates/chart/testing/unknown-variable.yaml.j2");
    assertThat(p.location().line()).isEqualTo(3);
    assertThat(p.message()).contains("no_such_variable");
  }

  @Test
  void helmExpressionsPassThroughAndJinjaTagsAreEvaluated() throws Exception {
    String out =
        engine.render(
            "chart/testing/helm-passthrough.yaml.j2",
            Map.of("flag", true, "chart", Map.of("name", "c")));
    assertThat(out).isEqualTo("kept: {{ .Values.x }}\nshown: c\n");
  }

  @Test
  void aMissingTemplateIsAProblem() {
    ProblemsException e =
        assertThrows(
            ProblemsException.class, () -> engine.render("chart/testing/none.j2", Map.of()));
    assertThat(e.problems().get(0).checkId()).isEqualTo("TEMPLATE-MISSING");
  }

  @Test
  void nothingOneRenderSetsIsSeenByTheNext() throws Exception {
    // the renders share the engine's global context as their parent (no per-render copy)
    assertThat(engine.render("chart/testing/sets-and-macros.yaml.j2", Map.of()))
        .isEqualTo("first: FROM THE FIRST RENDER\n");
    ProblemsException e =
        assertThrows(
            ProblemsException.class,
            () -> engine.render("chart/testing/reads-what-another-set.yaml.j2", Map.of()));
    assertThat(e.problems().get(0).message()).contains("leaked");
    assertThat(engine.render("chart/testing/sets-and-macros.yaml.j2", Map.of()))
        .isEqualTo("first: FROM THE FIRST RENDER\n");
  }

  /**
   * The engine parses each template once and renders the tree again (TemplateEngine#tree): a tree
   * rendered with other values, loops and macros included, gives what a new engine gives.
   */
  @Test
  void aTemplateRenderedAgainGivesWhatANewEngineGives() throws Exception {
    String template = "chart/testing/helm-passthrough.yaml.j2";
    for (boolean flag : new boolean[] {true, false, true}) {
      for (String name : new String[] {"a", "b"}) {
        Map<String, Object> context = Map.of("flag", flag, "chart", Map.of("name", name));
        assertThat(engine.render(template, context))
            .isEqualTo(new TemplateEngine().render(template, context));
      }
    }
  }

  /** A template that does not parse is not kept: every render reports its error. */
  @Test
  void aTemplateThatDoesNotParseFailsEveryRender() {
    for (int i = 0; i < 2; i++) {
      ProblemsException e =
          assertThrows(
              ProblemsException.class,
              () ->
                  engine.render(
                      "chart/testing/unclosed-if.yaml.j2", Map.of("chart", Map.of("name", "c"))));
      assertThat(e.problems()).extracting(Problem::message).anyMatch(m -> m.contains("endif"));
    }
  }
}
