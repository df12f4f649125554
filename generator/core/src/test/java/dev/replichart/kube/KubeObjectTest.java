package dev.replichart.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class KubeObjectTest {
  private static final YAMLMapper YAML = new YAMLMapper();

  /** Helm's output split the plain way: line by line, a document ending at each "---" line. */
  private static List<String> byLines(String manifests) throws Exception {
    List<String> objects = new ArrayList<>();
    String source = "";
    StringBuilder document = new StringBuilder();
    for (String line : (manifests + "\n---\n").split("\n", -1)) {
      if (line.equals("---")) {
        String text = document.toString();
        if (!text.isBlank() && YAML.readTree(text).isObject()) {
          objects.add(source + " " + YAML.readTree(text));
        }
        document.setLength(0);
        source = "";
        continue;
      }
      if (line.startsWith("# Source: ")) {
        String path = line.substring("# Source: ".length()).trim();
        int slash = path.indexOf('/');
        source = slash >= 0 ? path.substring(slash + 1) : path;
      }
      document.append(line).append('\n');
    }
    return objects;
  }

  /** The objects, or that the text does not parse (a document that is not YAML). */
  private static Object outcome(Callable<List<String>> parse) {
    try {
      return parse.call();
    } catch (Exception e) {
      return "does not parse";
    }
  }

  @Property(tries = 500)
  void splitsHelmsOutputAsALineByLineReadDoes(@ForAll("manifests") String manifests)
      throws Exception {
    assertThat(
            outcome(
                () ->
                    KubeObject.parseAll(manifests).stream()
                        .map(o -> o.source() + " " + o.node())
                        .toList()))
        .isEqualTo(outcome(() -> byLines(manifests)));
  }

  @Example
  void rendersThatParseOneTextAtOnceShareOneTree() throws Exception {
    String manifests =
        "---\n# Source: db/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\n"
            + "metadata:\n  name: db\n";
    KubeObject.Documents documents = new KubeObject.Documents();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<List<KubeObject>>> renders = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        renders.add(() -> KubeObject.parseAll(manifests, documents));
      }
      List<JsonNode> trees = new ArrayList<>();
      for (Future<List<KubeObject>> render : pool.invokeAll(renders)) {
        trees.add(render.get().get(0).node());
      }
      assertThat(trees).allSatisfy(tree -> assertThat(tree).isSameAs(trees.get(0)));
      assertThat(trees.get(0).path("metadata").path("name").asText()).isEqualTo("db");
    } finally {
      pool.shutdownNow();
    }
  }

  @Provide
  Arbitrary<String> manifests() {
    Arbitrary<String> lines =
        Arbitraries.of(
            "---",
            "--- ",
            "# Source: db/templates/a.yaml",
            "# Source: b.yaml",
            "# Source:",
            "kind: ConfigMap",
            "apiVersion: v1",
            "data:",
            "  a: |",
            "    ---x",
            "",
            "  ",
            "# a comment");
    return lines.list().ofMaxSize(25).map(list -> String.join("\n", list));
  }
}
