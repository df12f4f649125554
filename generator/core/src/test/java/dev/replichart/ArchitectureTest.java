package dev.replichart;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of the core library. The stages point forward only (spec ← plan ← render ←
 * validate ← pipeline ← pack ← diff: packaging renders a spec through the pipeline, and diff reads
 * packaged charts); {@code release} compares rendered charts (drift, the version rule) below the
 * pipeline, and diff plugs its upgrade check into it; {@code kube} and {@code problem} are the base
 * every stage may use; only {@code kube} and {@code validate} talk Helm or fabric8 object types;
 * nothing in core knows the CLI, the sandbox, or the libraries they bring.
 */
class ArchitectureTest {
  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.replichart");

  @Test
  void stagesPointForwardOnly() {
    layeredArchitecture()
        .consideringOnlyDependenciesInAnyPackage("dev.replichart..")
        .layer("problem")
        .definedBy("dev.replichart.problem..")
        .layer("kube")
        .definedBy("dev.replichart.kube..")
        .layer("spec")
        .definedBy("dev.replichart.spec..")
        .layer("plan")
        .definedBy("dev.replichart.plan..")
        .layer("render")
        .definedBy("dev.replichart.render..")
        .layer("validate")
        .definedBy("dev.replichart.validate..")
        .layer("pipeline")
        .definedBy("dev.replichart.pipeline..")
        .layer("release")
        .definedBy("dev.replichart.release..")
        .layer("pack")
        .definedBy("dev.replichart.pack..")
        .layer("diff")
        .definedBy("dev.replichart.diff..")
        .whereLayer("diff")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("pack")
        .mayOnlyBeAccessedByLayers("diff")
        .whereLayer("pipeline")
        .mayOnlyBeAccessedByLayers("pack", "diff")
        .whereLayer("release")
        .mayOnlyBeAccessedByLayers("pipeline", "diff")
        .whereLayer("validate")
        .mayOnlyBeAccessedByLayers("pipeline", "pack", "diff")
        .whereLayer("render")
        .mayOnlyBeAccessedByLayers("validate", "pipeline", "release", "pack", "diff")
        .whereLayer("plan")
        .mayOnlyBeAccessedByLayers("render", "validate", "pipeline")
        .whereLayer("spec")
        .mayOnlyBeAccessedByLayers("plan", "render", "validate", "pipeline")
        .whereLayer("kube")
        .mayOnlyBeAccessedByLayers(
            "spec", "plan", "render", "validate", "pipeline", "release", "pack", "diff")
        .check(CORE);
  }

  @Test
  void coreKnowsNeitherTheCliNorTheSandbox() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.replichart.cli..",
            "dev.replichart.sandbox..",
            "picocli..",
            "io.netty..",
            "io.vertx..",
            "io.fabric8.mockwebserver..",
            "io.fabric8.kubernetes.client..",
            "okhttp3..")
        .check(CORE);
  }

  @Test
  void onlyKubeAndValidateTalkHelmOrFabric8Objects() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.replichart.kube..", "dev.replichart.validate..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.marcnuri.helm..", "io.fabric8.kubernetes.api..")
        .check(CORE);
  }

  /** What {@code mvn dependency:tree} of core shows is what its tests run with. */
  @Test
  void coreClassPathCarriesNoCliOrServerLibraries() {
    List<String> jars =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(p -> new File(p).getName())
            .toList();
    assertThat(jars)
        .isNotEmpty()
        .noneMatch(
            j ->
                j.startsWith("picocli")
                    || j.startsWith("netty")
                    || j.startsWith("vertx")
                    || j.startsWith("mockwebserver")
                    || j.startsWith("kubernetes-server-mock")
                    || j.startsWith("kubernetes-client"));
  }
}
