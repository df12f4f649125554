package dev.replichart.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.replichart.plan.Planner;
import dev.replichart.problem.Problem;
import dev.replichart.problem.ProblemsException;
import dev.replichart.render.ChartRenderer;
import dev.replichart.render.RenderedChart;
import dev.replichart.render.TemplateEngine;
import dev.replichart.spec.SpecParser;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Spec text is data: for every string field of the spec, and for the spec's file name, a string
 * drawn from a hostile alphabet (both template engines' delimiters, quotes, '#', ':', line breaks
 * of every kind, NUL, shell metacharacters, very long runs) is either rejected with located
 * problems, or carried into the chart verbatim — never evaluated, never an extra YAML key, never a
 * new line in a file, never a Helm action in a template.
 */
class SpecTextIsDataTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TemplateEngine ENGINE = new TemplateEngine();
  private static final Planner PLANNER = new Planner("test");

  /** A field of the spec, and where its value must show up verbatim in the chart. */
  enum Field {
    DESCRIPTION(
        "chart:\n  name: db\n  version: 1.0.0\n  description: %s\n",
        c -> yaml(c, "Chart.yaml").path("description").asText()),
    HOST_PATH(
        "spec:\n  storage:\n    provisioner:\n      type: nfs\n      backing: {hostPath: %s}\n"
            + "      nodeSelector: {n: x}\n",
        c -> line(c, "templates/storage/nfs-deployment.yaml", "            path: ")),
    TUNABLE_VALUE(
        "spec:\n  mysqlConfig:\n    max_connections: %s\n",
        c -> yaml(c, "values.yaml").path("mysqlConfig").path("max_connections").asText()),
    EXISTING_SECRET(
        "spec:\n  auth:\n    existingSecret: %s\n",
        c -> yaml(c, "values.yaml").path("auth").path("existingSecret").asText()),
    STORAGE_CLASS(
        "spec:\n  storage:\n    provisioner: {type: existing, storageClass: %s}\n",
        c -> yaml(c, "values.yaml").path("persistence").path("storageClass").asText()),
    APP_USER(
        "spec:\n  auth:\n    database: app\n    username: %s\n",
        c -> {
          for (JsonNode account : json(c).path("accounts")) {
            if (account.path("purpose").asText().equals("application")) {
              return account.path("user").asText();
            }
          }
          return "";
        }),
    APP_DATABASE(
        "spec:\n  auth:\n    database: %s\n    username: app\n",
        c -> line(c, "files/scripts/lib-base.sh", "APP_DATABASE=")),
    CLUSTER_NAME(
        "metadata:\n  name: %s\n",
        c ->
            json(c)
                .path("generated")
                .asText()
                .replaceFirst("^.*\\(MySQLCluster (.*)\\)\\. Do not edit.*$", "$1")),
    CHART_NAME(
        "chart:\n  name: %s\n  version: 1.0.0\n", c -> yaml(c, "Chart.yaml").path("name").asText()),
    CHART_VERSION(
        "chart:\n  name: db\n  version: %s\n", c -> yaml(c, "Chart.yaml").path("version").asText());

    final String fragment;
    final Function<RenderedChart, String> carried;

    Field(String fragment, Function<RenderedChart, String> carried) {
      this.fragment = fragment;
      this.carried = carried;
    }
  }

  private static JsonNode yaml(RenderedChart chart, String file) {
    try {
      return YAML.readTree(chart.files().get(file));
    } catch (java.io.IOException e) {
      throw new AssertionError(file + " is no longer YAML: " + e.getMessage());
    }
  }

  private static JsonNode json(RenderedChart chart) {
    try {
      return JSON.readTree(chart.files().get("replichart.json"));
    } catch (java.io.IOException e) {
      throw new AssertionError("replichart.json is no longer JSON: " + e.getMessage());
    }
  }

  /** The rest of the one line of {@code file} that starts with {@code prefix}. */
  private static String line(RenderedChart chart, String file, String prefix) {
    List<String> lines = chart.files().get(file).lines().filter(l -> l.startsWith(prefix)).toList();
    assertThat(lines).as("lines of %s starting with %s", file, prefix).hasSize(1);
    return lines.get(0).substring(prefix.length());
  }

  private static final String BASE =
      "apiVersion: replichart.dev/v1alpha1\nkind: MySQLCluster\nmetadata:\n  name: db\n";

  /** The spec with one field set to {@code value} (written as a YAML double-quoted string). */
  private static String spec(Field field, String value) throws Exception {
    String fragment = field.fragment.formatted(JSON.writeValueAsString(value));
    if (fragment.startsWith("metadata:")) {
      return "apiVersion: replichart.dev/v1alpha1\nkind: MySQLCluster\n" + fragment + "spec: {}\n";
    }
    return BASE + fragment + (fragment.startsWith("chart:") ? "spec: {}\n" : "");
  }

  @Provide
  Arbitrary<String> hostile() {
    Arbitrary<String> drawn =
        Arbitraries.strings()
            .withChars("[]{}%#:\"'\\\n\r\t\u2028\u2029\u0000$`;|&<>*/.-_ aZ079")
            .ofMinLength(0)
            .ofMaxLength(24);
    Arbitrary<String> known =
        Arbitraries.of(
            "[[ 7*7 ]]",
            "[% raw %]",
            "[% for a in range(1000) %][% for b in range(1000) %]x[% endfor %][% endfor %]",
            "{{ .Release.Name }}",
            "{{/* x */}}",
            "/srv\n        - name: hostroot\n          hostPath:\n            path: /",
            "/a #b",
            "500\r    skip-grant-tables",
            "500\n    skip-grant-tables",
            "x\u2028y",
            "$(touch /tmp/pwned)",
            "'; DROP DATABASE x; --",
            "db",
            "a".repeat(100_000));
    return Arbitraries.oneOf(drawn, known);
  }

  @Provide
  Arbitrary<Field> fields() {
    return Arbitraries.of(Field.class);
  }

  @Property(tries = 400)
  void everyStringIsCarriedVerbatimOrRejectedWithALocatedReason(
      @ForAll("fields") Field field, @ForAll("hostile") String value) throws Exception {
    assertCarriedOrRejected(field, value, "spec.yaml");
  }

  @Property(tries = 100)
  void theSpecsFileNameIsCarriedVerbatimOrSafelyEncoded(@ForAll("hostile") String name)
      throws Exception {
    if (name.isEmpty() || name.length() > 200) {
      return;
    }
    RenderedChart chart = render(spec(Field.CHART_NAME, "db"), name);
    assertThat(chart).isNotNull();
    assertThat(yaml(chart, "Chart.yaml").path("annotations").path("replichart.dev/source").asText())
        .isEqualTo(name);
    String header = json(chart).path("generated").asText();
    assertThat(header).matches("[A-Za-z0-9 .,:()%_-]*");
    assertSameShapeAsBaseline(chart);
  }

  @Example
  void theIssuesExamplesAreRejectedOrCarriedVerbatim() throws Exception {
    for (Field field : Field.values()) {
      for (String value :
          List.of("[[ 7*7 ]]", "[[ engine ]]", "[% raw %]", "/{{ .Release.Name }}", "/a #b")) {
        assertCarriedOrRejected(field, value, "spec.yaml");
      }
    }
    assertCarriedOrRejected(Field.TUNABLE_VALUE, "500\r    skip-grant-tables", "spec.yaml");
    assertCarriedOrRejected(
        Field.HOST_PATH,
        "/srv\n        - name: hostroot\n          hostPath:\n            path: /",
        "spec.yaml");
  }

  private static void assertCarriedOrRejected(Field field, String value, String fileName)
      throws Exception {
    String text = spec(field, value);
    RenderedChart chart;
    try {
      chart = render(text, fileName);
    } catch (ProblemsException e) {
      for (Problem p : e.problems()) {
        assertThat(p.location().line()).as("located: %s", p).isPositive();
        assertThat(p.format())
            .as("printed on one line: %s", p)
            .doesNotContain("\n", "\r", "\u0085", "\u2028", "\u2029");
      }
      return;
    }
    assertThat(field.carried.apply(chart)).as("%s carried verbatim", field).isEqualTo(value);
    assertSameShapeAsBaseline(chart);
  }

  private static RenderedChart render(String text, String fileName) throws ProblemsException {
    return new ChartRenderer(ENGINE)
        .render(PLANNER.plan(SpecParser.parse(text, fileName, fileName)));
  }

  /**
   * No value adds a line to a script or a .cnf file, a key to a YAML or JSON document, or a Helm
   * action to a template: the counts match a chart rendered from a plain value.
   */
  private static void assertSameShapeAsBaseline(RenderedChart chart) throws Exception {
    for (Map.Entry<String, String> file : chart.files().entrySet()) {
      String path = file.getKey();
      String content = file.getValue();
      if (path.startsWith("templates/")) {
        assertThat(count(content, "{{"))
            .as("Helm actions in %s", path)
            .isEqualTo(count(baselineFile(chart, path), "{{"));
      }
      if (path.startsWith("files/")) {
        assertThat(content.lines().count())
            .as("lines of %s", path)
            .isEqualTo(baselineFile(chart, path).lines().count());
      }
    }
  }

  private static final Map<String, RenderedChart> BASELINES = new java.util.HashMap<>();

  /** The same file of a chart with the same components, rendered from plain values. */
  private static String baselineFile(RenderedChart chart, String path) throws Exception {
    boolean nfs = chart.files().containsKey("templates/storage/storageclass.yaml");
    boolean app = !line(chart, "files/scripts/lib-base.sh", "APP_USER=").isEmpty();
    String key = nfs + "/" + app;
    RenderedChart base = BASELINES.get(key);
    if (base == null) {
      StringBuilder spec = new StringBuilder(BASE).append("spec:\n");
      if (nfs) {
        spec.append(
            "  storage:\n    provisioner: {type: nfs, backing: {hostPath: /srv},"
                + " nodeSelector: {n: x}}\n");
      }
      if (app) {
        spec.append("  auth: {database: app, username: app}\n");
      }
      base = render(nfs || app ? spec.toString() : BASE + "spec: {}\n", "spec.yaml");
      BASELINES.put(key, base);
    }
    return base.files().getOrDefault(path, "");
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
