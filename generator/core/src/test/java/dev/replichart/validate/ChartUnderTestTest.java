package dev.replichart.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replichart.kube.KubeObject;
import dev.replichart.problem.Location;
import dev.replichart.problem.Problem;
import dev.replichart.validate.ChartUnderTest.Render;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChartUnderTestTest {
  private static final String SERVICE =
      "---\n# Source: db/templates/service.yaml\napiVersion: v1\nkind: Service\n"
          + "metadata:\n  name: db\n";

  private static final String CONFIG_MAP =
      "---\n# Source: db/templates/configmap.yaml\napiVersion: v1\nkind: ConfigMap\n"
          + "metadata:\n  name: db\ndata:\n  size: \"%s\"\n";

  /**
   * An object that comes out the same in several renders is checked once, and its problems are
   * reported for each render it is in; an object that differs is checked on its own.
   */
  @ParameterizedTest(name = "renders share their parsed documents: {0}")
  @ValueSource(booleans = {false, true})
  void checksEachDistinctObjectOnceAndReportsItForEveryRender(boolean shared) throws Exception {
    // shared: equal objects are one tree (found by identity); not shared: equal trees
    KubeObject.Documents documents = new KubeObject.Documents();
    List<Render> renders = new ArrayList<>();
    for (String size : List.of("1", "1", "2")) {
      String manifests = SERVICE + String.format(CONFIG_MAP, size);
      List<KubeObject> objects =
          shared ? KubeObject.parseAll(manifests, documents) : KubeObject.parseAll(manifests);
      renders.add(new Render.Parsed(size, manifests, objects));
    }
    ChartUnderTest chart =
        ChartUnderTest.unrendered(Path.of("chart"), List.of()).withRenders(renders);
    List<String> checked = new ArrayList<>();
    List<Problem> problems =
        chart.checkEachObject(
            object -> {
              String what = object.node().path("kind").asText();
              String size = object.node().path("data").path("size").asText();
              checked.add(what + size);
              return List.of(
                  new Problem(Location.ofFile(object.source()), "", what + size, "", "TEST"));
            });
    assertThat(checked).containsExactly("Service", "ConfigMap1", "ConfigMap2");
    assertThat(problems)
        .extracting(Problem::message)
        .containsExactly("Service", "ConfigMap1", "Service", "ConfigMap1", "Service", "ConfigMap2");
  }
}
