package dev.replichart.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
  void rejectsBadNfsNodeSelectorLabelsAsSchedulingOnes() throws Exception {
    List<Problem> problems =
        check(
            "nfs.yaml",
            "nfs:\n  nodeSelector:\n    \"bad key!\": x\n    disk: " + "v".repeat(64) + "\n");
    assertThat(problems)
        .extracting(p -> p.location().line() + " " + p.path())
        .containsExactlyInAnyOrder("3 .nfs.nodeSelector.bad key!", "4 .nfs.nodeSelector.disk");
    assertThat(problems).extracting(Problem::checkId).containsOnly("VALUES-SCHEMA");
  }

  /** An optional quantity is a quantity or empty, not any text that ends in one. */
  @Test
  void rejectsTextBeforeAnOptionalQuantity() throws Exception {
    List<Problem> problems =
        check(
            "limits.yaml",
            "resources:\n  mysqld:\n    limits:\n      cpu: \"lots2\"\n      memory: \"\"\n"
                + "nfs:\n  resources:\n    limits:\n      memory: \"x; 1Gi\"\n");
    assertThat(problems)
        .extracting(p -> p.location().line() + " " + p.path() + " " + p.checkId())
        .containsExactlyInAnyOrder(
            "4 .resources.mysqld.limits.cpu VALUES-SCHEMA",
            "9 .nfs.resources.limits.memory VALUES-SCHEMA");
  }

  /**
   * Every pattern of the schema is anchored at both ends in each of its top-level alternatives: in
   * {@code ^$|a$} the second side would match anywhere in the text.
   */
  @Test
  void everySchemaPatternIsAnchoredOnEachSide() throws Exception {
    JsonNode schema =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(CHART.resolve("values.schema.json").toFile());
    List<String> patterns = new java.util.ArrayList<>();
    schema.findValues("pattern").forEach(p -> patterns.add(p.asText()));
    assertThat(patterns).hasSizeGreaterThan(10);
    for (String pattern : patterns) {
      assertThat(topLevelAlternatives(pattern))
          .as(pattern)
          .allSatisfy(side -> assertThat(side).startsWith("^").endsWith("$").doesNotEndWith("\\$"));
    }
    assertThat(topLevelAlternatives("^$|^(a|b)[|]\\|$")).containsExactly("^$", "^(a|b)[|]\\|$");
  }

  /** The sides of the {@code |} outside any group, class or escape. */
  private static List<String> topLevelAlternatives(String pattern) {
    List<String> sides = new java.util.ArrayList<>();
    int depth = 0;
    boolean inClass = false;
    int start = 0;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        i++;
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
        if (i + 1 < pattern.length() && pattern.charAt(i + 1) == ']') {
          i++;
        }
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth == 0) {
        sides.add(pattern.substring(start, i));
        start = i + 1;
      }
    }
    sides.add(pattern.substring(start));
    return sides;
  }

  /** One definition of a label map: the NFS server's node selector is constrained as the pods'. */
  @Test
  void bothNodeSelectorsHaveTheSameLabelRules() throws Exception {
    JsonNode schema =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(CHART.resolve("values.schema.json").toFile());
    JsonNode pods = schema.at("/properties/scheduling/properties/nodeSelector");
    JsonNode nfs = schema.at("/properties/nfs/properties/nodeSelector");
    for (String keyword : List.of("additionalProperties", "propertyNames")) {
      assertThat(nfs.get(keyword)).as(keyword).isNotNull().isEqualTo(pods.get(keyword));
    }
    assertThat(nfs.get("minProperties").asInt()).isEqualTo(1);
  }

  /** The label value pattern bounds the length too; the value is said to be too long, once. */
  @Test
  void saysAValueTooLongForItsPatternOnce() throws Exception {
    assertThat(
            check("long.yaml", "scheduling:\n  nodeSelector:\n    disk: " + "v".repeat(64) + "\n"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path()).isEqualTo(".scheduling.nodeSelector.disk");
              assertThat(p.message()).contains("63");
            });
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
    assertThat(problems).extracting(Problem::checkId).containsOnly("VALUES-READING");
    assertThat(problems.get(0).message()).isEqualTo("Helm reads on as true (a YAML 1.1 boolean)");
    assertThat(problems.get(0).hint()).isEqualTo("write true, or quote it if you mean text");
  }

  /**
   * The plain scalars whose reading by Helm (helm-java's Helm 3.21, go-yaml v2) differs from this
   * layer's (Jackson) or from YAML 1.2's, as measured by {@link HelmScalarsTest}'s forms.
   */
  static final List<String> READ_OTHERWISE =
      List.of(
          // Go's octal, binary and upper-case prefixes; YAML 1.1's leading-zero octal
          "010",
          "+010",
          "-010",
          "0o17",
          "0O17",
          "+0o17",
          "-0o17",
          "0X1F",
          "-0x1F",
          "+0x1F",
          "0b101",
          "0B101",
          "-0b101",
          // a leading zero with an 8 or 9: decimal to Helm, text to Jackson
          "08",
          "09",
          "0128",
          // underscores, dropped by Helm wherever they are
          "1_000",
          "1__0",
          "1_",
          "-_1",
          "+_1",
          "0_x1",
          "0_10",
          "0o1_7",
          "0x_1F",
          "0b_101",
          "1_000.5",
          "685.230_15e+03",
          // integers beyond 2^53, rounded by Helm's float64; too large for a float64
          "12345678901234567",
          "9007199254740993",
          "9223372036854775807",
          "-9223372036854775809",
          "18446744073709551615",
          "123456789012345678901234567890",
          "0xFFFFFFFFFFFFFFFF",
          "0777777777777777777777",
          "0x1FFFFFFFFFFFFFFFF",
          "1e400",
          // YAML 1.1 booleans; a base-60 float Jackson cannot read; an empty value
          "yes",
          "no",
          "on",
          "off",
          "y",
          "n",
          "Y",
          "N",
          "Yes",
          "YES",
          "No",
          "NO",
          "On",
          "ON",
          "Off",
          "OFF",
          "1:30.5",
          "",
          // infinity and NaN, which Helm cannot put into JSON
          ".inf",
          "-.inf",
          "+.inf",
          ".Inf",
          "-.Inf",
          ".INF",
          ".nan",
          ".NaN",
          ".NAN");

  /** Forms issue 10 suspected, which every reader reads alike. */
  static final List<String> READ_ALIKE =
      List.of(
          "0x1F",
          "1:30",
          "190:20:30",
          "-1:30",
          "+12",
          "-12",
          ".5",
          "-.5",
          "+.5",
          ".5e3",
          "1.",
          "3.0",
          "1e3",
          "1E3",
          "1e+3",
          "1.0e+3",
          "1.5e-3",
          "6.8523015e+5",
          "1e-7",
          "1e21",
          "1e-400",
          "0",
          "-0",
          "+0",
          "00",
          "019.5",
          "0.1",
          "-0.0",
          "9223372036854775808",
          "-9223372036854775808",
          "18446744073709551616",
          "true",
          "True",
          "TRUE",
          "false",
          "False",
          "FALSE",
          "~",
          "null",
          "Null",
          "NULL",
          "tRUE",
          "oN",
          "nUll",
          "0o8",
          "_1",
          "2001-12-14",
          "2001-12-14t21:59:43.10-05:00",
          "2002-12-14T21:59:43Z",
          "2001-12",
          "=",
          "<<",
          "0x",
          "0b",
          "0o",
          "5e",
          "1e3.5",
          "0.5.5",
          "..5",
          ".",
          "+",
          "-x",
          "x",
          "-.inf.",
          ".infinity",
          "Infinity",
          "NaN",
          "0x1p3",
          "1d",
          "1f");

  @Test
  void classifiesEveryMeasuredForm() {
    List<String> measured = new java.util.ArrayList<>(HelmScalarsTest.FORMS);
    measured.add("");
    measured.addAll(HelmScalarsTest.UNREADABLE_VALUES);
    List<String> classified = new java.util.ArrayList<>(READ_OTHERWISE);
    classified.addAll(READ_ALIKE);
    assertThat(classified).containsExactlyInAnyOrderElementsOf(measured);
  }

  static List<String> readOtherwise() {
    return READ_OTHERWISE;
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "replicaCount: {0}")
  @org.junit.jupiter.params.provider.MethodSource("readOtherwise")
  void reportsEachPlainValueHelmReadsOtherwiseOnceWhereItIs(String form) throws Exception {
    List<Problem> problems = check("v.yaml", "# prod\nreplicaCount: " + form + "\n");
    assertThat(problems)
        .as(formatted(problems).toString())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.checkId()).isEqualTo("VALUES-READING");
              assertThat(p.path()).isEqualTo(".replicaCount");
              assertThat(p.location().line()).isEqualTo(2);
              assertThat(p.location().column()).isEqualTo(form.isEmpty() ? 14 : 15);
              assertThat(p.message()).startsWith("Helm ");
            });
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "max_connections: {0} quoted")
  @org.junit.jupiter.params.provider.MethodSource("readOtherwise")
  void acceptsEachFormQuoted(String form) throws Exception {
    assertThat(check("q.yaml", "mysqlConfig:\n  max_connections: '" + form + "'\n")).isEmpty();
    assertThat(check("q.yaml", "mysqlConfig:\n  max_connections: \"" + form + "\"\n")).isEmpty();
  }

  @Test
  void leavesFormsEveryReaderReadsAlikeToTheSchema() throws Exception {
    for (String form : READ_ALIKE) {
      assertThat(check("alike.yaml", "mysqlConfig:\n  max_connections: " + form + "\n"))
          .as(form)
          .noneMatch(p -> p.checkId().equals("VALUES-READING"));
    }
  }

  @Test
  void saysWhatHelmReadsAndWhatToWrite() throws Exception {
    assertThat(formatted(check("prod.yaml", "# prod\n\n\nreplicaCount: 010\n")))
        .containsExactly(
            tmp.resolve("prod.yaml")
                + ":4:15: .replicaCount: Helm reads 010 as 8 (a YAML 1.1 octal)"
                + " (write 8, or quote it if you mean text) [VALUES-READING]");
    assertThat(check("v.yaml", "mysqlConfig:\n  max_connections: 0o17\n").get(0).message())
        .isEqualTo("Helm reads 0o17 as 15 (an octal number)");
    assertThat(check("v.yaml", "mysqlConfig:\n  max_connections: 08\n").get(0).message())
        .isEqualTo("Helm reads 08 as 8 (a decimal number: with an 8 or 9 it is no YAML 1.1 octal)");
    assertThat(check("v.yaml", "mysqlConfig:\n  max_connections: 1_000\n").get(0).message())
        .isEqualTo("Helm reads 1_000 as 1000 (YAML 1.1 drops the '_' in numbers)");
    assertThat(check("v.yaml", "mysqlConfig:\n  max_connections: 12345678901234567\n").get(0))
        .satisfies(
            p -> {
              assertThat(p.message())
                  .isEqualTo(
                      "Helm reads 12345678901234567 as 12345678901234568 (Helm keeps numbers as"
                          + " 64-bit floats, exact only up to 2^53)");
              assertThat(p.hint())
                  .isEqualTo("quote it if you mean text; Helm cannot hold this number exactly");
            });
    assertThat(check("v.yaml", "mysqlConfig:\n  max_connections: .inf\n").get(0).message())
        .isEqualTo(
            "Helm cannot read .inf: JSON has no infinity or NaN, so Helm cannot read the file");
    assertThat(check("v.yaml", "mysqlConfig:\n  max_connections: 1:30.5\n").get(0).message())
        .isEqualTo("Helm reads 1:30.5 as text; this check cannot read it");
    assertThat(check("v.yaml", "persistence:\n  size:\n").get(0).message())
        .startsWith("Helm reads an empty value as null, which drops the chart's default");
  }

  @Test
  void reportsKeysHelmReadsOtherwiseInsteadOfTheSchemaProblemTheyWouldBe() throws Exception {
    List<Problem> problems =
        check(
            "keys.yaml",
            "scheduling:\n  nodeSelector:\n    yes: ssd\n    010: a\n    \"on\": b\n"
                + "    '0x1F': c\nmysqlConfig:\n  Off: \"1\"\n");
    assertThat(formatted(problems))
        .containsExactly(
            tmp.resolve("keys.yaml")
                + ":3:5: .scheduling.nodeSelector.yes: Helm reads the key yes as 'true'"
                + " (a YAML 1.1 boolean) (quote the key to keep it as written) [VALUES-READING]",
            tmp.resolve("keys.yaml")
                + ":4:5: .scheduling.nodeSelector.010: Helm reads the key 010 as '8'"
                + " (a YAML 1.1 octal) (quote the key to keep it as written) [VALUES-READING]",
            tmp.resolve("keys.yaml")
                + ":8:3: .mysqlConfig.Off: Helm reads the key Off as 'false'"
                + " (a YAML 1.1 boolean) (quote the key to keep it as written) [VALUES-READING]");
  }

  @Test
  void reportsAliasesAndMergeKeysWhichOnlyHelmFollows() throws Exception {
    List<Problem> problems =
        check(
            "alias.yaml",
            "replicaCount: &n 3\n"
                + "podDisruptionBudget:\n  maxUnavailable: *n\n"
                + "resources:\n  mysqld: &res\n    requests: {cpu: 250m, memory: 1Gi}\n"
                + "  sidecar:\n    <<: *res\n    limits: {memory: 1Gi}\n");
    assertThat(problems).extracting(Problem::checkId).containsOnly("VALUES-READING");
    assertThat(problems)
        .extracting(p -> p.location().line() + ":" + p.location().column() + " " + p.path())
        .containsExactly("3:19 .podDisruptionBudget.maxUnavailable", "8:5 .resources.sidecar.<<");
    assertThat(problems.get(0).message())
        .isEqualTo(
            "Helm reads *n as the value anchored at line 1; this check cannot follow aliases and"
                + " would read it as the text 'n'");
  }

  /** go-yaml and Jackson take tags their own ways: !!binary MTUK is "15\n" to Helm. */
  @Test
  void reportsTagsButStrWhichOnlyHelmReadsAsHelmDoes() throws Exception {
    List<Problem> problems =
        check(
            "tags.yaml",
            "mysqlConfig:\n  max_connections: !!binary MTUK\n  sql_mode: !!null ''\n"
                + "  wait_timeout: ! 010\n  innodb_io_capacity: !!str 010\n"
                + "scheduling:\n  nodeSelector: !!map {a: b}\n  tolerations: !!set {a}\n");
    assertThat(problems).extracting(Problem::checkId).containsOnly("VALUES-READING");
    assertThat(problems)
        .extracting(Problem::path)
        .containsExactly(
            ".mysqlConfig.max_connections",
            ".mysqlConfig.sql_mode",
            ".mysqlConfig.wait_timeout",
            ".scheduling.tolerations");
    assertThat(problems.get(0).hint())
        .isEqualTo("write the value without the tag, quoted if it is text");
  }

  @Test
  void reportsScalarsReadOtherwiseAlongsideTheSchemaProblemsOfTheRest() throws Exception {
    assertThat(formatted(check("both.yaml", "replicaCount: 0o3\nreplicaCont: 3\n")))
        .containsExactly(
            tmp.resolve("both.yaml")
                + ":1:15: .replicaCount: Helm reads 0o3 as 3 (an octal number)"
                + " (write 3, or quote it if you mean text) [VALUES-READING]",
            tmp.resolve("both.yaml")
                + ":2:14: .replicaCont: unknown key 'replicaCont' (did you mean 'replicaCount'?)"
                + " [VALUES-SCHEMA]");
  }

  /**
   * Jackson cannot read a file with {@code 1:30.5} or {@code .inf} at all; each other scalar must
   * then be read alone as Jackson reads it in a whole file.
   */
  @Test
  void readsEachScalarAloneAsJacksonReadsItInTheWholeFile() throws Exception {
    List<String> forms = new java.util.ArrayList<>(READ_OTHERWISE);
    forms.addAll(READ_ALIKE);
    forms.removeAll(
        List.of(
            "1:30.5", ".inf", "-.inf", "+.inf", ".Inf", "-.Inf", ".INF", ".nan", ".NaN", ".NAN",
            ""));
    StringBuilder readable = new StringBuilder("mysqlConfig:\n");
    for (int i = 0; i < forms.size(); i++) {
      readable.append("  k").append(i).append(": ").append(forms.get(i)).append('\n');
    }
    List<String> whole =
        check("whole.yaml", readable.toString()).stream()
            .filter(p -> p.checkId().equals("VALUES-READING"))
            .map(Problem::format)
            .toList();
    List<String> alone =
        check("whole.yaml", readable + "  broken: 1:30.5\n").stream()
            .filter(p -> !p.path().equals(".mysqlConfig.broken"))
            .map(Problem::format)
            .toList();
    assertThat(whole).hasSize(READ_OTHERWISE.size() - 11);
    assertThat(alone).containsExactlyElementsOf(whole);
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
