package dev.replichart.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replichart.TestFiles;
import dev.replichart.plan.Planner;
import dev.replichart.problem.Problem;
import dev.replichart.problem.ProblemsException;
import dev.replichart.render.ChartRenderer;
import dev.replichart.render.ChartWriter;
import dev.replichart.render.RenderedChart;
import dev.replichart.render.TemplateEngine;
import dev.replichart.spec.ClusterSpec;
import dev.replichart.spec.SpecParser;
import dev.replichart.validate.ChartValidator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties over generated specs: every valid spec renders a chart that real Helm lints and
 * renders and that the model, OpenAPI and policy layers accept; every mutation of a valid spec
 * gives located problems or a valid chart, never a crash.
 */
class SpecPropertiesTest {
  private static final ChartValidator VALIDATOR = new ChartValidator();

  /** A valid spec, drawn from the space of choices the spec offers. */
  record Choice(
      String flavorVersion,
      int replicas,
      boolean semiSync,
      boolean nfs,
      boolean failover,
      boolean appUser,
      int lag,
      String tunable) {

    String yaml() {
      String[] fv = flavorVersion.split(":");
      StringBuilder y = new StringBuilder();
      y.append("apiVersion: replichart.dev/v1alpha1\nkind: MySQLCluster\n");
      y.append("metadata:\n  name: prop-").append(fv[0]).append('\n');
      y.append("spec:\n  engine:\n    flavor: ").append(fv[0]);
      y.append("\n    version: \"").append(fv[1]).append("\"\n");
      y.append("  replicas: ").append(replicas).append('\n');
      y.append("  replication:\n    maxLagSeconds: ").append(lag).append('\n');
      y.append("    semiSync:\n      enabled: ").append(semiSync && replicas >= 2).append('\n');
      y.append("  storage:\n    size: 3Gi\n    provisioner:\n");
      y.append(
          nfs
              ? "      type: nfs\n      backing: {hostPath: /srv/nfs}\n"
                  + "      nodeSelector: {replichart.dev/nfs-server: \"true\"}\n"
              : "      type: existing\n");
      y.append("  failover:\n    job: ").append(failover && replicas >= 2).append('\n');
      if (appUser) {
        y.append("  auth:\n    database: shop\n    username: shop\n");
      }
      y.append("  mysqlConfig:\n    ").append(tunable).append(": \"64\"\n");
      return y.toString();
    }
  }

  @Provide
  Arbitrary<Choice> validSpecs() {
    Arbitrary<String> flavorVersion =
        Arbitraries.of("mysql:8.0", "mysql:8.4", "mariadb:10.6", "mariadb:10.11", "mariadb:11.4");
    return Combinators.combine(
            flavorVersion,
            Arbitraries.integers().between(1, ClusterSpec.MAX_REPLICAS),
            Arbitraries.of(true, false),
            Arbitraries.of(true, false),
            Arbitraries.of(true, false),
            Arbitraries.of(true, false),
            Arbitraries.integers().between(1, 3600),
            Arbitraries.of("max_connections", "table_open_cache", "thread_cache_size"))
        .as(Choice::new);
  }

  @Property(tries = 15)
  void everyValidSpecRendersAChartThatHelmAndTheValidatorsAccept(
      @ForAll("validSpecs") Choice choice) throws Exception {
    ClusterSpec spec = SpecParser.parse(choice.yaml(), "prop.yaml", "prop.yaml");
    RenderedChart chart =
        new ChartRenderer(new TemplateEngine()).render(new Planner("test").plan(spec));
    Path dir = Files.createTempDirectory("replichart-prop");
    try {
      ChartWriter.writeFiles(chart, dir);
      List<Problem> problems = VALIDATOR.check(dir, List.of()).problems();
      assertThat(problems).as(choice.yaml()).isEmpty();
    } finally {
      deleteQuietly(dir);
    }
  }

  @Provide
  Arbitrary<List<String>> mutatedSpecs() throws Exception {
    List<String> lines =
        Files.readAllLines(
            TestFiles.repoRoot().resolve("examples/sdnc-db.yaml"), StandardCharsets.UTF_8);
    Arbitrary<Integer> lineIndex = Arbitraries.integers().between(0, lines.size() - 1);
    Arbitrary<String> noise =
        Arbitraries.of(
            "",
            ":",
            "- x",
            "  bogus: 1",
            "replicas: -1",
            "{",
            "[",
            "\"",
            "'",
            "\t",
            "size: 0",
            "flavor: oracle",
            "port: 3306",
            "enabled: maybe",
            "version: 8",
            "&a",
            "*a",
            // hostile values (issue 10): YAML 1.1 booleans and numbers, nulls, overflow, breaks
            " on",
            " yes",
            " ~",
            " null",
            " 99999999999999999999",
            " 99999999999999999999s",
            " 2305843009213693957s",
            " 0x10",
            " 010",
            " \"a\\nb\\r\\u2028c\"",
            " replication",
            " &b [*b]");
    return Combinators.combine(lineIndex, noise, Arbitraries.integers().between(0, 3))
        .as(
            (index, text, operation) -> {
              List<String> copy = new ArrayList<>(lines);
              switch (operation) {
                case 0 -> copy.remove((int) index);
                case 1 -> copy.add(index, text);
                case 2 -> copy.set(index, copy.get(index) + text);
                default -> copy.set(index, text);
              }
              return copy;
            });
  }

  @Property(tries = 300)
  void everyMutatedSpecGivesLocatedProblemsOrAValidChartNeverACrash(
      @ForAll("mutatedSpecs") List<String> lines) throws Exception {
    String text = String.join("\n", lines) + "\n";
    try {
      ClusterSpec spec = SpecParser.parse(text, "mutant.yaml", "mutant.yaml");
      RenderedChart chart =
          new ChartRenderer(new TemplateEngine()).render(new Planner("test").plan(spec));
      assertThat(chart.files()).containsKey("Chart.yaml");
    } catch (ProblemsException e) {
      assertThat(e.problems()).isNotEmpty();
      for (Problem p : e.problems()) {
        assertThat(p.location().file()).isEqualTo("mutant.yaml");
        assertThat(p.location().line()).as(p.format()).isPositive();
        assertThat(p.message()).isNotBlank();
        assertThat(p.format()).doesNotContain("\n", "\r", "\u2028", "\u2029");
      }
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      // a leftover temp directory is not a test failure
    }
  }
}
