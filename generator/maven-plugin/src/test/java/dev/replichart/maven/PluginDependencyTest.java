package dev.replichart.maven;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The plugin is a thin layer over core alone: it never reaches the CLI or the sandbox, in code or
 * on its class path (which is what users' builds load), and it holds no static mutable state, so
 * that parallel builds can run it.
 */
class PluginDependencyTest {
  private static final JavaClasses PLUGIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
          .importPackages("dev.replichart.maven");

  @Test
  void dependsOnCoreOnlyNeverTheCliOrTheSandbox() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.replichart.cli..",
            "dev.replichart.sandbox..",
            "picocli..",
            "io.netty..",
            "io.vertx..",
            "io.fabric8.mockwebserver..")
        .check(PLUGIN);
  }

  @Test
  void classPathCarriesNeitherTheCliNorTheSandbox() {
    List<String> entries =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(p -> p.replace('\\', '/'))
            .toList();
    assertThat(entries)
        .anyMatch(e -> e.contains("replichart-core") || e.contains("/generator/core/"))
        .noneMatch(
            e ->
                e.contains("replichart-cli")
                    || e.contains("replichart-sandbox")
                    || e.contains("/generator/cli/")
                    || e.contains("/generator/sandbox/")
                    || e.contains("picocli")
                    || e.contains("kubernetes-server-mock"));
  }

  @Test
  void mojosKeepNoStaticMutableState() {
    fields()
        .that()
        .areDeclaredInClassesThat()
        .resideInAPackage("dev.replichart.maven")
        .and()
        .areStatic()
        .should()
        .beFinal()
        .check(PLUGIN);
  }
}
