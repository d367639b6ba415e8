package dev.gauntlet.junit;

import static dev.gauntlet.junit.assertions.GauntletAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.gauntlet.model.Classifier;
import dev.gauntlet.model.LogisticRegression;
import dev.gauntlet.model.ModelTrainer;
import dev.gauntlet.scenario.PlaceResult;
import dev.gauntlet.scenario.ScenarioResult;
import dev.gauntlet.scenario.ScenarioRunner;
import dev.gauntlet.scenario.VariantResult;
import dev.gauntlet.scenario.spec.DataSpec;
import dev.gauntlet.scenario.spec.Metrics;
import dev.gauntlet.scenario.spec.Perturbations;
import dev.gauntlet.scenario.spec.ScenarioSpec;
import dev.gauntlet.scenario.yaml.LoadedScenario;
import dev.gauntlet.scenario.yaml.ScenarioFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** The extension as JUnit runs it, through the engine test kit. */
class ScenarioTestExtensionTest {
  /** Figures the fixtures saw, by fixture, method and invocation. */
  static final Map<String, Object> SEEN = new ConcurrentHashMap<>();

  private static EngineExecutionResults run(Class<?> fixture, Map<String, String> configuration) {
    SEEN.keySet().removeIf(k -> k.startsWith(fixture.getSimpleName() + "."));
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameters(configuration)
        .selectors(selectClass(fixture))
        .execute();
  }

  private static EngineExecutionResults run(Class<?> fixture) {
    return run(fixture, Map.of());
  }

  /** The scenario as the engine runs it directly, for figures to compare with. */
  private static ScenarioResult direct(String resource, long seed) {
    Path file = Path.of("src/test/resources", resource);
    LoadedScenario loaded = ScenarioFiles.read(file);
    return ScenarioRunner.withDefaults()
        .withSource(resource)
        .run(loaded.spec().withSeed(seed), loaded.folder());
  }

  private static List<String> testNames(EngineExecutionResults results) {
    return results.testEvents().started().stream()
        .map(e -> e.getTestDescriptor().getDisplayName())
        .toList();
  }

  private static List<Map<String, String>> entries(EngineExecutionResults results) {
    return results.allEvents().reportingEntryPublished().stream()
        .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs())
        .toList();
  }

  // ---- fixtures (static nested: surefire does not run them by itself)

  @GauntletSeed(5)
  static class Passing {
    @ScenarioTest("scenarios/small.yaml")
    void everyInjectable(
        ScenarioCase c,
        ScenarioResult result,
        VariantResult variant,
        PlaceResult place,
        ScenarioTables tables,
        TestInfo info) {
      assertThat(place).isSameAs(c.place());
      assertThat(variant.places()).contains(place);
      assertThat(result.sweeps()).contains(variant);
      assertThat(tables.train().rowCount()).isEqualTo(result.trainRows());
      assertThat(tables.test().rowCount()).isEqualTo(result.testRows());
      assertThat(info.getDisplayName()).isEqualTo(c.displayName());
      SEEN.put("Passing." + c.displayName(), c.place().metrics().get("accuracy").value());
      SEEN.put("Passing.seed", c.seed());
    }
  }

  @Test
  void oneInvocationPerVariantAndSeverityNamedForIt() {
    EngineExecutionResults results = run(Passing.class);

    results.testEvents().assertStatistics(s -> s.started(4).succeeded(4).failed(0));
    results.containerEvents().assertStatistics(s -> s.started(3).succeeded(3).failed(0));
    assertThat(testNames(results))
        .containsExactly(
            "older-customers [severity 0]",
            "older-customers [severity 1]",
            "missing-values [severity 0]",
            "missing-values [severity 1]");
    // the class's seed, not the scenario's 11; the figures are the engine's own for that seed
    assertThat(SEEN).containsEntry("Passing.seed", 5L);
    ScenarioResult expected = direct("scenarios/small.yaml", 5);
    assertThat(SEEN)
        .containsEntry(
            "Passing.older-customers [severity 1]",
            expected.place("older-customers", 1).orElseThrow().metrics().get("accuracy").value());
  }

  @Test
  void reportsAreWrittenAndTheirFolderAndSeedPublished() throws Exception {
    EngineExecutionResults results = run(Passing.class);

    Path folder = Path.of("target", "gauntlet-reports", Passing.class.getName(), "everyInjectable");
    assertThat(entries(results))
        .contains(Map.of("gauntlet.seed", "5 (@GauntletSeed on Passing)"))
        .contains(Map.of("gauntlet.reports", folder.toAbsolutePath().toString()));
    assertThat(folder.resolve("report.json")).isNotEmptyFile();
    assertThat(folder.resolve("junit.xml")).isNotEmptyFile();
    assertThat(Files.readString(folder.resolve("report.html"))).startsWith("<!DOCTYPE html>");
    assertThat(Files.readString(folder.resolve("manifest.json"))).contains("\"seed\" : 5");
  }

  static class FailingBound {
    @ScenarioTest("scenarios/small.yaml")
    @GauntletSeed(21)
    void tooStrict(ScenarioCase c) {
      assertThat(c).metric("accuracy").isAtLeast(0.99);
    }
  }

  @Test
  void aFailureShowsValueBoundPlaceSeedAndTheLineThatRerunsIt() {
    EngineExecutionResults results = run(FailingBound.class);

    results.testEvents().assertStatistics(s -> s.started(4).failed(4));
    ScenarioResult expected = direct("scenarios/small.yaml", 21);
    PlaceResult place = expected.place("missing-values", 1).orElseThrow();
    var accuracy = place.metrics().get("accuracy");
    String n = System.lineSeparator();
    String message =
        n
            + "Expecting accuracy to be at least 0.99"
            + n
            + "  measured: "
            + text(accuracy.value())
            + " ["
            + text(accuracy.lo())
            + ", "
            + text(accuracy.hi())
            + "]"
            + n
            + "  variant:  missing-values"
            + n
            + "  severity: 1"
            + n
            + "  slice:    all rows"
            + n
            + "  seed:     21"
            + n
            + "seed 21 (@GauntletSeed on the method); to rerun with it, annotate"
            + " FailingBound.tooStrict with @GauntletSeed(21) or run with -Dgauntlet.seed=21";
    results.testEvents().assertThatEvents().haveExactly(1, finishedWithFailure(message(message)));
    // the test reporter carries the seed line too, once per failed invocation
    assertThat(entries(results).stream().filter(e -> e.containsKey("gauntlet.seed")).toList())
        .hasSize(5);
  }

  private static String text(double v) {
    return dev.gauntlet.junit.internal.Numbers.text(v);
  }

  // ---- seeds

  static class SeedFromScenario {
    @ScenarioTest("scenarios/small.yaml")
    void seed(ScenarioCase c) {
      SEEN.put("SeedFromScenario.seed", c.seed());
    }
  }

  @GauntletSeed(8)
  static class MethodOverClass {
    @ScenarioTest("scenarios/no-variants.yaml")
    @GauntletSeed(9)
    void seed(ScenarioCase c) {
      SEEN.put("MethodOverClass.seed", c.seed());
    }
  }

  static class NoSeedAnywhere {
    @ScenarioTest("scenarios/no-seed.yaml")
    void seed(ScenarioCase c) {
      SEEN.put("NoSeedAnywhere.seed", c.seed());
      SEEN.put("NoSeedAnywhere.accuracy", c.place().metrics().get("accuracy").value());
    }
  }

  @Test
  void seedsTakeMethodThenClassThenParameterThenScenarioThenRandom() {
    run(MethodOverClass.class, Map.of("gauntlet.seed", "77"))
        .testEvents()
        .assertStatistics(s -> s.succeeded(1));
    assertThat(SEEN).containsEntry("MethodOverClass.seed", 9L);

    run(SeedFromScenario.class, Map.of("gauntlet.seed", "77"))
        .testEvents()
        .assertStatistics(s -> s.succeeded(4));
    assertThat(SEEN).containsEntry("SeedFromScenario.seed", 77L);
    run(SeedFromScenario.class).testEvents().assertStatistics(s -> s.succeeded(4));
    assertThat(SEEN).containsEntry("SeedFromScenario.seed", 11L);

    EngineExecutionResults random = run(NoSeedAnywhere.class);
    long first = (Long) SEEN.get("NoSeedAnywhere.seed");
    assertThat(entries(random)).contains(Map.of("gauntlet.seed", first + " (random)"));
    run(NoSeedAnywhere.class);
    // two draws of 64 random bits are equal with probability 2^-64
    assertThat(SEEN.get("NoSeedAnywhere.seed")).isNotEqualTo(first);
  }

  static class RandomAndFailing {
    @ScenarioTest("scenarios/no-seed.yaml")
    void fails(ScenarioCase c) {
      SEEN.put("RandomAndFailing.accuracy", c.place().metrics().get("accuracy").value());
      assertThat(c).metric("accuracy").isAtMost(0.01);
    }
  }

  @Test
  void theSeedInAFailureReproducesTheRun() {
    EngineExecutionResults failed = run(RandomAndFailing.class);
    Event failure = failed.testEvents().failed().list().get(0);
    String message =
        failure
            .getPayload(org.junit.platform.engine.TestExecutionResult.class)
            .orElseThrow()
            .getThrowable()
            .orElseThrow()
            .getMessage();
    Matcher m = Pattern.compile("@GauntletSeed\\((-?\\d+)L?\\)").matcher(message);
    assertThat(m.find()).as(message).isTrue();
    Object accuracy = SEEN.get("RandomAndFailing.accuracy");

    run(RandomAndFailing.class, Map.of("gauntlet.seed", m.group(1)));
    assertThat(SEEN.get("RandomAndFailing.accuracy")).isEqualTo(accuracy);
    assertThat(message).contains("  seed:     " + m.group(1));
    // the annotation the line proposes runs the engine on that seed (as Passing shows for
    // @GauntletSeed(5)), and so does the random run: the same figures
    assertThat(accuracy)
        .isEqualTo(
            direct("scenarios/no-seed.yaml", Long.parseLong(m.group(1)))
                .clean()
                .metrics()
                .get("accuracy")
                .value());
  }

  // ---- the model a test supplies

  static class OwnModel {
    static ModelTrainer<Classifier> trainer() {
      return LogisticRegression.trainer("churn").withC(0.5);
    }

    @ScenarioTest(value = "scenarios/small.yaml", model = "trainer")
    @GauntletSeed(5)
    void ownModel(ScenarioResult result) {
      SEEN.put("OwnModel.model", result.model());
      SEEN.put("OwnModel.clean", result.clean().metrics().get("accuracy").value());
    }
  }

  @Test
  void aFactoryMethodSuppliesTheModel() {
    run(OwnModel.class).testEvents().assertStatistics(s -> s.succeeded(4));
    assertThat(SEEN).containsEntry("OwnModel.model", "OwnModel.trainer()");
    ScenarioResult spec = direct("scenarios/small.yaml", 5);
    ScenarioResult own =
        ScenarioRunner.withDefaults()
            .withModel(
                dev.gauntlet.spi.ModelHandle.trainable(OwnModel.trainer()), "OwnModel.trainer()")
            .run(
                ScenarioFiles.load(Path.of("src/test/resources/scenarios/small.yaml")).withSeed(5),
                Path.of("src/test/resources/scenarios"));
    assertThat(SEEN).containsEntry("OwnModel.clean", own.clean().metrics().get("accuracy").value());
    assertThat(own.model()).isNotEqualTo(spec.model());
  }

  // ---- a spec built in Java instead of a file

  /** scenarios/small.yaml, built with the typed factories (paths from the module's folder). */
  static ScenarioSpec smallBuilt() {
    return ScenarioSpec.builder()
        .seed(11)
        .data(
            DataSpec.worldFile("src/test/resources/scenarios/customers.json", 300)
                .withId("churn_true"))
        .split(0.3)
        .model("logistic-regression")
        .metrics(Metrics.ACCURACY)
        .slice("region")
        .bootstrap(20)
        .variant(
            Perturbations.covariateShift()
                .withName("older-customers")
                .withParam("column", "age")
                .withParam("shift", "1")
                .withSweep(1))
        .variant(
            Perturbations.missing()
                .withName("missing-values")
                .withParam("rate", "0.3")
                .withSweep(1))
        .expect("accuracy >= 0.5")
        .build();
  }

  static class BuiltSpec {
    static ScenarioSpec small() {
      return smallBuilt();
    }

    @ScenarioTest(spec = "small")
    @GauntletSeed(5)
    void built(ScenarioCase c) {
      SEEN.put("BuiltSpec." + c.displayName(), c.place().metrics().get("accuracy"));
    }
  }

  @Test
  void aSpecBuiltInJavaRunsAsTheSameFileDoes() {
    EngineExecutionResults results = run(BuiltSpec.class);

    results.testEvents().assertStatistics(s -> s.started(4).succeeded(4));
    assertThat(testNames(results))
        .containsExactly(
            "older-customers [severity 0]",
            "older-customers [severity 1]",
            "missing-values [severity 0]",
            "missing-values [severity 1]");
    ScenarioResult file = direct("scenarios/small.yaml", 5);
    for (String variant : List.of("older-customers", "missing-values")) {
      assertThat(SEEN)
          .containsEntry(
              "BuiltSpec." + variant + " [severity 1]",
              file.place(variant, 1).orElseThrow().metrics().get("accuracy"));
    }
    Path folder = Path.of("target", "gauntlet-reports", BuiltSpec.class.getName(), "built");
    assertThat(folder.resolve("report.json")).isNotEmptyFile();
  }

  // ---- parallel

  static class ThreeScenarios {
    @ScenarioTest("scenarios/small.yaml")
    @GauntletSeed(1)
    void first(ScenarioCase c) {
      SEEN.put("ThreeScenarios.first " + c.displayName(), c.place().metrics().get("accuracy"));
    }

    @ScenarioTest("scenarios/small.yaml")
    @GauntletSeed(2)
    void second(ScenarioCase c) {
      SEEN.put("ThreeScenarios.second " + c.displayName(), c.place().metrics().get("accuracy"));
    }

    @ScenarioTest("scenarios/small.yaml")
    void third(ScenarioCase c) {
      SEEN.put("ThreeScenarios.third " + c.displayName(), c.place().metrics().get("accuracy"));
    }
  }

  @Test
  void parallelRunsMeasureWhatSerialRunsMeasure() {
    run(ThreeScenarios.class).testEvents().assertStatistics(s -> s.succeeded(12));
    Map<String, Object> serial = Map.copyOf(SEEN);
    run(
            ThreeScenarios.class,
            Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "3"))
        .testEvents()
        .assertStatistics(s -> s.succeeded(12));
    assertThat(Map.copyOf(SEEN)).isEqualTo(serial);
    // and the seeds do differ: not the same figures everywhere by accident
    assertThat(serial.get("ThreeScenarios.first older-customers [severity 1]"))
        .isNotEqualTo(serial.get("ThreeScenarios.second older-customers [severity 1]"));
  }
}
