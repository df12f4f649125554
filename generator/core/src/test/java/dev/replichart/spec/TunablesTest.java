package dev.replichart.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replichart.problem.Problem;
import dev.replichart.problem.ProblemsException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** spec.mysqlConfig: names the server knows, none that break what the chart promises. */
class TunablesTest {
  private static final String MARIADB =
      "apiVersion: replichart.dev/v1alpha1\nkind: MySQLCluster\nmetadata: {name: db}\n"
          + "spec:\n  engine: {flavor: mariadb, version: \"10.11\"}\n  mysqlConfig:\n";

  private static List<Problem> problems(String settings) {
    try {
      SpecParser.parse(MARIADB + settings, "t.yaml", "t.yaml");
    } catch (ProblemsException e) {
      return e.problems();
    }
    return List.of();
  }

  @Test
  void acceptsOptionsTheServerKnowsInEitherSpellingAndBooleanPrefixes() throws Exception {
    ClusterSpec spec =
        SpecParser.parse(
            MARIADB
                + "    max_connections: \"500\"\n    innodb-buffer-pool-size: 256M\n"
                + "    skip-name-resolve-not-reserved-check: x\n"
                    .replace(
                        "    skip-name-resolve-not-reserved-check: x\n",
                        "    skip_external_locking: \"1\"\n"),
            "t.yaml",
            "t.yaml");
    assertThat(spec.mysqlConfig())
        .containsKeys("max_connections", "innodb_buffer_pool_size", "skip_external_locking");
  }

  @Test
  void rejectsANameTheServerDoesNotKnowWithAHint() {
    assertThat(problems("    max_connectionsx: \"500\"\n"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.checkId()).isEqualTo("SPEC-UNKNOWN-SETTING");
              assertThat(p.message()).contains("mariadb 10.11").contains("would not start");
              assertThat(p.hint()).contains("max_connections");
              assertThat(p.location().line()).isEqualTo(7);
            });
  }

  @Test
  void rejectsBothSpellingsOfOneOption() {
    assertThat(problems("    max-connections: \"500\"\n    max_connections: \"600\"\n"))
        .singleElement()
        .satisfies(p -> assertThat(p.checkId()).isEqualTo("SPEC-DUPLICATE-KEY"));
  }

  @Test
  void rejectsSettingsThatBreakReplicationDurabilityOrSecurityWithTheReason() {
    for (String setting :
        List.of(
            "replica-skip-errors: all",
            "slave_skip_errors: all",
            "init_file: /tmp/x.sql",
            "skip-grant-tables: \"1\"",
            "skip-log-bin: \"1\"",
            "replicate-ignore-db: app",
            "innodb_doublewrite: \"0\"")) {
      assertThat(problems("    " + setting + "\n"))
          .as(setting)
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.checkId()).isEqualTo("SPEC-DENIED");
                assertThat(p.message()).contains("may not be tuned: ");
              });
    }
  }

  @Test
  void rejectsTheLoosePrefixThatWouldHideATypo() {
    assertThat(problems("    loose-max-connectionsx: \"1\"\n"))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("loose-"));
  }

  /** The deny list names real options (else it would rot unnoticed), MySQL's spellings aside. */
  @Test
  void everyDeniedNameIsAnOptionOfTheVendoredServer() {
    ServerOptions mariadb = ServerOptions.of(Flavor.MARIADB, "10.11").orElseThrow();
    List<String> mysqlOnly =
        List.of("replica_skip_errors", "replica_exec_mode", "init_replica", "grant_tables");
    for (String name : ServerOptions.DENIED.keySet()) {
      if (!mysqlOnly.contains(name) && !name.startsWith("skip_") && !name.startsWith("disable_")) {
        assertThat(mariadb.knows(name)).as("%s is an option of MariaDB 10.11", name).isTrue();
      }
    }
  }
}
