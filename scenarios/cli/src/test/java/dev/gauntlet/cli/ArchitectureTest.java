package dev.gauntlet.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries the design card draws, checked on the compiled classes (the CLI's test
 * class path holds every module but the JUnit extension and the examples): a JUnit or library user
 * who adds the engine gets no CLI libraries and no libtorch, and internals stay behind their
 * package.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importGauntlet() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.gauntlet");
  }

  @Test
  void theFrameworkKnowsNoEngineYamlJunitOrCli() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.gauntlet",
            "dev.gauntlet.data..",
            "dev.gauntlet.evaluation..",
            "dev.gauntlet.expectations..",
            "dev.gauntlet.internal..",
            "dev.gauntlet.metrics..",
            "dev.gauntlet.model",
            "dev.gauntlet.model.adapter..",
            "dev.gauntlet.random..",
            "dev.gauntlet.spi..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "ai.djl..",
            "picocli..",
            "me.tongfei..",
            "org.junit..",
            "com.fasterxml.jackson.dataformat.yaml..",
            "dev.gauntlet.generators..",
            "dev.gauntlet.scenario..",
            "dev.gauntlet.cli..")
        .check(classes);
  }

  @Test
  void statisticalGeneratorsAndPerturbationsNeedNoDjl() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.gauntlet.generators.stat..", "dev.gauntlet.generators.perturb..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("ai.djl..", "dev.gauntlet.generators.deep..", "dev.gauntlet.scenario..")
        .check(classes);
  }

  @Test
  void theEngineNeedsNoCliLibrariesNoLoggingBindingAndNoNativeEngine() {
    noClasses()
        .that()
        .resideInAPackage("dev.gauntlet.scenario..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "picocli..",
            "me.tongfei..",
            "org.slf4j.simple..",
            "ai.djl..",
            "dev.gauntlet.cli..",
            "dev.gauntlet.generators.deep..",
            "dev.gauntlet.model.onnx..",
            "dev.gauntlet.model.torchscript..",
            "dev.gauntlet.model.http..")
        .check(classes);
  }

  @Test
  void internalPackagesAreUsedOnlyBesideThem() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.gauntlet.scenario..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.gauntlet.scenario.internal..",
            "dev.gauntlet.scenario.yaml.internal..",
            "dev.gauntlet.scenario.html.internal..")
        .check(classes);
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.gauntlet.metrics..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.gauntlet.metrics.internal..")
        .check(classes);
  }
}
