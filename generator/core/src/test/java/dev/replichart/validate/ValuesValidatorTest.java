package dev.replichart.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replichart.TestFiles;
import dev.replichart.problem.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values files a careless or hostile user may give with {@code -f}: each is a located problem on
 * one line, never an internal error.
 */
class ValuesValidatorTest {
  private static final Path CHART = TestFiles.repoRoot().resolve("chart");

  @TempDir Path tmp;

  private List<Problem> check(Path chart, String name, byte[] content) throws Exception {
    Path file = tmp.resolve(name);
    Files.write(file, content);
    return new ValuesValidator().check(ChartUnderTest.unrendered(chart, List.of(file)));
  }

  private List<Problem> check(String name, String yaml) throws Exception {
    return check(CHART, name, yaml.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> formatted(List<Problem> problems) {
    return problems.stream().map(p -> p.format() + " [" + p.checkId() + "]").toList();
  }

  @Test
  void rejectsAValueEndingInANewlineAsHelmDoes() throws Exception {
    List<Problem> problems =
        check("nl.yaml", "mysqlConfig:\n  max_connections: \"500\\n\"\n  sql_mode: \"A\\rB\"\n");
    assertThat(problems).extracting(Problem::checkId).containsOnly("VALUES-SCHEMA");
    assertThat(problems)
        .extracting(Problem::path)
        .containsExactly(".mysqlConfig.max_connections", ".mysqlConfig.sql_mode");
    assertThat(problems.get(0).location().line()).isEqualTo(2);
    assertThat(problems.get(0).format()).doesNotContain("\n").contains("'500\\n'");
  }

  @Test
  void readsSchemaDollarAsTheEndOfTheTextOnly() {
    assertThat(ValuesValidator.endOfTextOnly("^[^\\r\\n]*$")).isEqualTo("^[^\\r\\n]*\\z");
    assertThat(ValuesValidator.endOfTextOnly("^$|^a\\$[$]$")).isEqualTo("^\\z|^a\\$[$]\\z");
    assertThat(ValuesValidator.endOfTextOnly("[]$]x$")).isEqualTo("[]$]x\\z");
    assertThat(ValuesValidator.ecmaRegex("^[0-9]+$").matches("10\n")).isFalse();
    assertThat(ValuesValidator.ecmaRegex("^[0-9]+$").matches("10")).isTrue();
  }

  @Test
  void rejectsBadNamesAndLabels() throws Exception {
    List<Problem> problems =
        check(
            "names.yaml",
            "naming:\n  fullnameOverride: "
                + "a".repeat(41)
                + "\n  nameOverride: Db\n"
                + "auth:\n  existingSecret: my_secret\n"
                + "scheduling:\n  nodeSelector:\n    \"bad key/x\": ssd\n    disk: \"fast ssd\"\n");
    assertThat(problems)
        .extracting(Problem::path)
        .containsExactlyInAnyOrder(
            ".auth.existingSecret",
            ".naming.fullnameOverride",
            ".naming.nameOverride",
            ".scheduling.nodeSelector.bad key/x",
            ".scheduling.nodeSelector.disk");
    assertThat(problems).allSatisfy(p -> assertThat(p.location().line()).isPositive());
    assertThat(problems)
        .filteredOn(p -> p.path().endsWith("bad key/x"))
        .singleElement()
        .satisfies(p -> assertThat(p.location().line()).isEqualTo(8));
  }

  @Test
  void reportsATabIndentedFileAtTheTab() throws Exception {
    assertThat(formatted(check("tab.yaml", "image:\n\ttag: x\n")))
        .containsExactly(
            tmp.resolve("tab.yaml")
                + ":2:1: not valid YAML: found character '\\t(TAB)' that cannot start any token."
                + " (Do not use \\t(TAB) for indentation) [VALUES-YAML]");
  }

  @Test
  void reportsAnUnclosedListAtTheEndOfTheFile() throws Exception {
    assertThat(formatted(check("flow.yaml", "replicaCount: [3\n")))
        .containsExactly(
            tmp.resolve("flow.yaml")
                + ":2:1: not valid YAML: expected ',' or ']', but got <stream end>"
                + " (while parsing a flow sequence at line 1, column 15) [VALUES-YAML]");
  }

  @Test
  void refusesAFileLargerThanOneMebibyteQuickly() throws Exception {
    byte[] big = ("# " + "x".repeat(20 * 1024 * 1024) + "\n").getBytes(StandardCharsets.UTF_8);
    long start = System.nanoTime();
    List<Problem> problems = check(CHART, "big.yaml", big);
    assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    assertThat(formatted(problems))
        .containsExactly(
            tmp.resolve("big.yaml")
                + ": the values file is larger than 1 MiB (a values file is a few kilobytes of"
                + " YAML; is this the right file?) [VALUES-IO]");
  }

  @Test
  void refusesABillionLaughsAtTheAliasThatGoesTooFar() throws Exception {
    StringBuilder yaml = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (char c = 'b'; c <= 'k'; c++) {
      yaml.append(c).append(": &").append(c).append(" [");
      yaml.append(String.join(", ", Collections.nCopies(9, "*" + (char) (c - 1)))).append("]\n");
    }
    List<Problem> problems = check("laughs.yaml", yaml.toString());
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.checkId()).isEqualTo("VALUES-YAML");
              assertThat(p.message()).isEqualTo("more than 50 aliases (*name)");
              assertThat(p.location().line()).isEqualTo(7);
            });
  }

  @Test
  void refusesDeepNestingAtTheLevelThatGoesTooFar() throws Exception {
    Problem p = check("deep.yaml", "a: " + "[".repeat(5000) + "]".repeat(5000) + "\n").get(0);
    assertThat(p.checkId()).isEqualTo("VALUES-YAML");
    assertThat(p.message()).isEqualTo("nested deeper than 32 levels");
    assertThat(p.location().column()).isEqualTo(35);
  }

  @Test
  void saysAFileIsUtf16OrBinary() throws Exception {
    assertThat(formatted(check(CHART, "u16.yaml", "image: {}\n".getBytes(StandardCharsets.UTF_16))))
        .containsExactly(
            tmp.resolve("u16.yaml")
                + ":1:1: the values file is UTF-16 text (it starts with a UTF-16 byte order mark)"
                + " (save it as UTF-8) [VALUES-IO]");
    assertThat(check(CHART, "bin.yaml", new byte[] {'a', ':', ' ', (byte) 0xFF}))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.format())
                    .endsWith(
                        "bin.yaml:1:4: the values file is not UTF-8 text: byte 0xFF does not"
                            + " decode (save it as UTF-8)"));
  }

  @Test
  void rejectsYamlOneOneBooleansOtherThanTrueAndFalse() throws Exception {
    List<Problem> problems =
        check("bools.yaml", "podDisruptionBudget:\n  enabled: on\nnetworkPolicy:\n  enabled: no\n");
    assertThat(problems).extracting(p -> p.location().line()).containsExactly(2, 4);
    assertThat(problems.get(0).message()).startsWith("'on' is a boolean to Helm (YAML 1.1)");
    assertThat(problems.get(0).hint())
        .isEqualTo("write true or false, or quote it to make it text");
  }

  @Test
  void reportsABrokenValuesSchemaAtTheSchemaFile() throws Exception {
    Path truncated = Files.createDirectories(tmp.resolve("truncated"));
    Files.writeString(
        truncated.resolve("values.schema.json"), "{\"type\": \"object\",\n  \"properties\": {");
    Path badRegex = Files.createDirectories(tmp.resolve("bad-regex"));
    Files.writeString(
        badRegex.resolve("values.schema.json"),
        "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\", \"pattern\":"
            + " \"[unclosed\"}}}");
    Path missing = Files.createDirectories(tmp.resolve("missing"));
    byte[] values = "a: x\n".getBytes(StandardCharsets.UTF_8);
    assertThat(check(missing, "v.yaml", values))
        .singleElement()
        .satisfies(p -> assertThat(p.checkId()).isEqualTo("VALUES-SCHEMA-FILE"));
    for (Path chart : List.of(truncated, badRegex)) {
      assertThat(check(chart, "v.yaml", values))
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.checkId()).isEqualTo("VALUES-SCHEMA");
                assertThat(p.location().file())
                    .isEqualTo(chart.resolve("values.schema.json").toString());
                assertThat(p.message()).startsWith("the chart's values schema cannot be used: ");
                assertThat(p.format()).doesNotContain("\n");
              });
    }
  }
}
