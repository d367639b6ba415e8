package dev.gauntlet.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.gauntlet.data.Csv;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import dev.gauntlet.scenario.ScenarioRows;
import dev.gauntlet.scenario.ScenarioRunner;
import dev.gauntlet.scenario.spec.DataSpec;
import dev.gauntlet.scenario.spec.Generators;
import dev.gauntlet.scenario.spec.ScenarioSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * @SyntheticTable, @WorldTable and @PerturbationSweep as JUnit runs them.
 */
class TableAnnotationsTest {
  static final Map<String, Object> SEEN = new ConcurrentHashMap<>();
  private static final String N = System.lineSeparator();
  private static final Path RESOURCES = Path.of("src/test/resources");

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

  private static Throwable onlyFailure(List<org.junit.platform.testkit.engine.Event> failed) {
    assertThat(failed).hasSize(1);
    return failed
        .get(0)
        .getPayload(TestExecutionResult.class)
        .orElseThrow()
        .getThrowable()
        .orElseThrow();
  }

  private static DataSpec customersWorld(int rows) {
    return DataSpec.worldFile("customers.json", rows);
  }

  // ---- @SyntheticTable and @WorldTable in a plain @Test

  static class Injected {
    @Test
    @GauntletSeed(3)
    void synthetic(
        @SyntheticTable(fit = "data/customers.csv", label = "churn", rows = 150) Table rows) {
      SEEN.put("Injected.synthetic", rows);
    }

    @Test
    @GauntletSeed(3)
    void world(@WorldTable(value = "scenarios/customers.json", rows = 120) Table rows) {
      SEEN.put("Injected.world", rows);
    }
  }

  @Test
  void injectedTablesAreTheRowsAScenarioOfTheSameDataAndSeedRunsOn() {
    EngineExecutionResults results = run(Injected.class);

    results.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
    Table synthetic = (Table) SEEN.get("Injected.synthetic");
    assertThat(synthetic.rowCount()).isEqualTo(150);
    assertThat(synthetic.schema().names())
        .containsExactly("age", "income", "region", "plan", "churn");
    assertThat(synthetic)
        .isEqualTo(
            ScenarioRows.of(
                DataSpec.synthetic(
                    Generators.gaussianCopula().fittedOn("customers.csv"), "churn", 150),
                RESOURCES.resolve("data"),
                Seed.of(3),
                "direct"));
    // and a scenario of that data section and seed trains and tests on exactly these rows
    Table world = (Table) SEEN.get("Injected.world");
    Table[] split = new Table[2];
    ScenarioRunner.withDefaults()
        .withListener(
            new dev.gauntlet.scenario.RunListener() {
              @Override
              public void split(Table train, Table test) {
                split[0] = train;
                split[1] = test;
              }
            })
        .run(
            ScenarioSpec.builder().seed(3).data(customersWorld(120)).bootstrap(0).build(),
            RESOURCES.resolve("scenarios"));
    assertThat(sortedRows(split[0].concat(split[1]))).isEqualTo(sortedRows(world));
    assertThat(entries(results))
        .contains(Map.of("gauntlet.seed", "3 (@GauntletSeed on the method)"));
  }

  private static List<String> sortedRows(Table t) {
    return Csv.formatRows(t).lines().skip(1).sorted().toList();
  }

  static class FailingOnRandomRows {
    @Test
    void fails(@WorldTable(value = "scenarios/customers.json", rows = 50) Table rows) {
      SEEN.put("FailingOnRandomRows.rows", rows);
      assertThat(rows.rowCount()).as("rows").isEqualTo(51);
    }
  }

  @Test
  void aFailingTestShowsItsSeedAndTheSeedReproducesTheRows() {
    EngineExecutionResults first = run(FailingOnRandomRows.class);
    Throwable t = onlyFailure(first.testEvents().failed().list());
    Matcher m = Pattern.compile("@GauntletSeed\\((-?\\d+)L?\\)").matcher(t.getMessage());
    assertThat(m.find()).as(t.getMessage()).isTrue();
    long seed = Long.parseLong(m.group(1));
    assertThat(t.getMessage())
        .isEqualTo(
            "[rows] "
                + N
                + "expected: 51"
                + N
                + " but was: 50"
                + N
                + "seed "
                + seed
                + " (random); to rerun with it, annotate FailingOnRandomRows.fails with"
                + " @GauntletSeed("
                + m.group(1)
                + (seed > Integer.MAX_VALUE || seed < Integer.MIN_VALUE ? "L" : "")
                + ") or run with -Dgauntlet.seed="
                + seed);
    assertThat(entries(first)).contains(Map.of("gauntlet.seed", seed + " (random)"));
    Object rows = SEEN.get("FailingOnRandomRows.rows");

    run(FailingOnRandomRows.class, Map.of("gauntlet.seed", Long.toString(seed)));
    assertThat(SEEN.get("FailingOnRandomRows.rows")).isEqualTo(rows);
    // what @GauntletSeed(seed) gives (Injected shows the annotation's rows are these)
    assertThat(rows)
        .isEqualTo(
            ScenarioRows.of(
                customersWorld(50), RESOURCES.resolve("scenarios"), Seed.of(seed), "t"));
  }

  // ---- @PerturbationSweep

  static class Sweep {
    @PerturbationSweep(
        value = "covariate-shift",
        params = {"column=income", "shift=2"},
        sweep = 2)
    @GauntletSeed(4)
    void shifted(
        @WorldTable(value = "scenarios/customers.json", rows = 200) PerturbedTable customers,
        @WorldTable(value = "scenarios/customers.json", rows = 200) Table clean) {
      SEEN.put("Sweep." + customers.displayName(), customers);
      SEEN.put("Sweep.clean " + customers.severity(), clean);
    }
  }

  @Test
  void aSweepInvokesOncePerSeverityWithTheRowsPerturbed() {
    EngineExecutionResults results = run(Sweep.class);

    results.testEvents().assertStatistics(s -> s.started(3).succeeded(3).failed(0));
    results.containerEvents().assertStatistics(s -> s.started(3).succeeded(3));
    assertThat(testNames(results))
        .containsExactly(
            "covariate-shift [severity 0]",
            "covariate-shift [severity 0.5]",
            "covariate-shift [severity 1]");
    Table rows =
        ScenarioRows.of(customersWorld(200), RESOURCES.resolve("scenarios"), Seed.of(4), "t");
    PerturbedTable none = (PerturbedTable) SEEN.get("Sweep.covariate-shift [severity 0]");
    PerturbedTable full = (PerturbedTable) SEEN.get("Sweep.covariate-shift [severity 1]");
    assertThat(none.clean()).isEqualTo(rows);
    assertThat(SEEN.get("Sweep.clean 1.0")).isEqualTo(rows);
    assertThat(none.perturbed()).isEqualTo(rows);
    assertThat(full.clean()).isEqualTo(rows);
    // shift=2 moves income's mean by 2 of its standard deviations at severity 1 and by 1 at 0.5;
    // 1 % of a standard deviation covers the sample-vs-population difference (0.25 % at 200 rows)
    double sd = sd(rows.numeric("income"));
    double before = mean(rows.numeric("income"));
    PerturbedTable half = (PerturbedTable) SEEN.get("Sweep.covariate-shift [severity 0.5]");
    assertThat(mean(half.perturbed().numeric("income")) - before).isCloseTo(sd, within(0.01 * sd));
    assertThat(mean(full.perturbed().numeric("income")) - before)
        .isCloseTo(2 * sd, within(0.02 * sd));
    assertThat(mean(full.perturbed().numeric("age"))).isEqualTo(mean(rows.numeric("age")));
    // every income present moved; a missing one stays missing
    int present = 200 - rows.numeric("income").missingCount();
    assertThat(present).isLessThan(200);
    assertThat(full.result().describe())
        .isEqualTo("200 rows in, 200 rows out: " + present + " cells changed");
  }

  /** Over the values present (the world leaves some incomes missing). */
  private static double mean(NumericColumn c) {
    return java.util.Arrays.stream(c.values())
        .filter(v -> !Double.isNaN(v))
        .average()
        .orElseThrow();
  }

  private static double sd(NumericColumn c) {
    double m = mean(c);
    return Math.sqrt(
        java.util.Arrays.stream(c.values())
            .filter(v -> !Double.isNaN(v))
            .map(v -> (v - m) * (v - m))
            .average()
            .orElseThrow());
  }

  static class FailingSweep {
    @PerturbationSweep(
        value = "missing",
        params = "rate=0.5",
        severities = {0, 1})
    @GauntletSeed(12)
    void noCellIsMissing(@SyntheticTable(fit = "data/customers.csv", rows = 80) PerturbedTable t) {
      assertThat(t.perturbed().numeric("age").missingCount()).as("missing ages").isZero();
    }
  }

  @Test
  void aFailingSeverityShowsItsSeedAndOnlyItFails() {
    EngineExecutionResults results = run(FailingSweep.class);

    results.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
    assertThat(testNames(results)).containsExactly("missing [severity 0]", "missing [severity 1]");
    Throwable t = onlyFailure(results.testEvents().failed().list());
    assertThat(t.getMessage())
        .startsWith("[missing ages] " + N + "expected: 0" + N + " but was: ")
        .endsWith(
            N
                + "seed 12 (@GauntletSeed on the method); to rerun with it, annotate"
                + " FailingSweep.noCellIsMissing with @GauntletSeed(12) or run with"
                + " -Dgauntlet.seed=12");
  }

  static class ThreeSweeps {
    @PerturbationSweep(value = "gaussian-noise", params = "scale=0.5", sweep = 2)
    @GauntletSeed(1)
    void first(@WorldTable(value = "scenarios/customers.json", rows = 100) PerturbedTable t) {
      SEEN.put("ThreeSweeps.first " + t.severity(), t.perturbed());
    }

    @PerturbationSweep(value = "gaussian-noise", params = "scale=0.5", sweep = 2)
    @GauntletSeed(2)
    void second(@WorldTable(value = "scenarios/customers.json", rows = 100) PerturbedTable t) {
      SEEN.put("ThreeSweeps.second " + t.severity(), t.perturbed());
    }

    @Test
    @GauntletSeed(3)
    void third(@SyntheticTable(fit = "data/customers.csv", rows = 100) Table t) {
      SEEN.put("ThreeSweeps.third", t);
    }
  }

  @Test
  void parallelRunsGiveWhatSerialRunsGive() {
    run(ThreeSweeps.class).testEvents().assertStatistics(s -> s.succeeded(7));
    Map<String, Object> serial = Map.copyOf(SEEN);
    run(
            ThreeSweeps.class,
            Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "3"))
        .testEvents()
        .assertStatistics(s -> s.succeeded(7));
    assertThat(Map.copyOf(SEEN)).isEqualTo(serial);
    assertThat(serial.get("ThreeSweeps.first 1.0"))
        .isNotEqualTo(serial.get("ThreeSweeps.second 1.0"));
  }

  // ---- misuse

  static class UnknownCsv {
    @Test
    void never(@SyntheticTable(fit = "data/nowhere.csv") Table t) {}
  }

  @Test
  void anUnknownCsvNamesBothPlacesTried() {
    Throwable t = onlyFailure(run(UnknownCsv.class).testEvents().failed().list());
    assertThat(t.getMessage())
        .isEqualTo(
            "@SyntheticTable on UnknownCsv.never(), parameter 1 (fit)"
                + N
                + "  found:    no file \"data/nowhere.csv\""
                + N
                + "  expected: a CSV file: the class-path resource data/nowhere.csv (looked up on"
                + " the test class path) or the file "
                + Path.of("data/nowhere.csv").toAbsolutePath()
                + " (relative to the module's folder)"
                + N
                + "  fix:      put the file under src/test/resources, or correct the path");
  }

  static class WrongType {
    @Test
    void never(@WorldTable("scenarios/customers.json") String t) {}
  }

  static class PerturbedOutsideASweep {
    @Test
    void never(@WorldTable("scenarios/customers.json") PerturbedTable t) {}
  }

  @Test
  void aTableAnnotationOnAParameterOfAnotherTypeSaysWhatItTakes() {
    assertThat(onlyFailure(run(WrongType.class).testEvents().failed().list()).getMessage())
        .isEqualTo(
            "@WorldTable on WrongType.never(), parameter 1: a parameter of type java.lang.String;"
                + " ask for a dev.gauntlet.data.Table");
    assertThat(
            onlyFailure(run(PerturbedOutsideASweep.class).testEvents().failed().list())
                .getMessage())
        .isEqualTo(
            "@WorldTable on PerturbedOutsideASweep.never(), parameter 1: a PerturbedTable is given"
                + " to a @PerturbationSweep method; annotate the method with @PerturbationSweep,"
                + " or ask for a Table");
  }

  static class TableAndAString {
    @Test
    void never(@WorldTable(value = "scenarios/customers.json", rows = 50) Table t, String s) {}
  }

  @Test
  void aParameterNobodyResolvesBesideATableListsWhatCanBeInjected() {
    assertThat(onlyFailure(run(TableAndAString.class).testEvents().failed().list()).getMessage())
        .startsWith("No ParameterResolver registered for parameter [java.lang.String arg1]")
        .endsWith(
            " Gauntlet injects Table parameters annotated with @SyntheticTable or @WorldTable (and"
                + " PerturbedTable ones in a @PerturbationSweep).");
  }

  static class UnknownGenerator {
    @Test
    void never(@SyntheticTable(fit = "data/customers.csv", generator = "copula") Table t) {}
  }

  @Test
  void anUnknownGeneratorListsTheRegisteredOnes() {
    Throwable t = onlyFailure(run(UnknownGenerator.class).testEvents().failed().list());
    assertThat(t.getMessage())
        .contains("copula")
        .contains("gaussian-copula")
        .contains("independent");
  }

  static class SweepOfATypo {
    @PerturbationSweep("covariate-shfit")
    void never(@WorldTable("scenarios/customers.json") PerturbedTable t) {}
  }

  static class SweepOfABadSeverity {
    @PerturbationSweep(
        value = "missing",
        severities = {0, 1.5})
    void never(@WorldTable("scenarios/customers.json") PerturbedTable t) {}
  }

  static class SweepOfAnUnknownParameter {
    @PerturbationSweep(value = "missing", params = "ratio=0.3")
    void never(@WorldTable("scenarios/customers.json") PerturbedTable t) {}
  }

  static class SweepWithoutRows {
    @PerturbationSweep("missing")
    void never(Table t) {}
  }

  static class SweepOfAParameterNobodyResolves {
    @PerturbationSweep(value = "missing", sweep = 1)
    void never(
        @WorldTable(value = "scenarios/customers.json", rows = 50) PerturbedTable t, int n) {}
  }

  @Test
  void aBadSweepFailsItsContainerWithWhatIsWrongWhere() {
    Throwable typo = onlyFailure(run(SweepOfATypo.class).containerEvents().failed().list());
    assertThat(typo.getMessage())
        .startsWith(
            "@PerturbationSweep on SweepOfATypo.never() (value)"
                + N
                + "  found:    perturbation \"covariate-shfit\""
                + N
                + "  expected: one of [")
        .contains("covariate-shift, duplicates,");

    assertThat(
            onlyFailure(run(SweepOfABadSeverity.class).containerEvents().failed().list())
                .getMessage())
        .isEqualTo(
            "@PerturbationSweep on SweepOfABadSeverity.never() (severities[1])"
                + N
                + "  found:    1.5"
                + N
                + "  expected: within [0, 1]"
                + N
                + "  fix:      correct the annotation");

    assertThat(
            onlyFailure(run(SweepOfAnUnknownParameter.class).containerEvents().failed().list())
                .getMessage())
        .startsWith("@PerturbationSweep on SweepOfAnUnknownParameter.never() (params.ratio)")
        .contains("rate");

    assertThat(
            onlyFailure(run(SweepWithoutRows.class).containerEvents().failed().list()).getMessage())
        .isEqualTo(
            "@PerturbationSweep on SweepWithoutRows.never()"
                + N
                + "  found:    no parameter to perturb"
                + N
                + "  expected: a PerturbedTable parameter annotated with @SyntheticTable or"
                + " @WorldTable"
                + N
                + "  fix:      add one, e.g. @WorldTable(\"worlds/customers.json\") PerturbedTable"
                + " rows");

    EngineExecutionResults unresolved = run(SweepOfAParameterNobodyResolves.class);
    unresolved.testEvents().assertStatistics(s -> s.started(2).failed(2));
    unresolved
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            2,
            finishedWithFailure(
                message(
                    m ->
                        m.startsWith("No ParameterResolver registered for parameter [int arg1]")
                            && m.endsWith(
                                " A @PerturbationSweep method can receive PerturbedTable and"
                                    + " Table parameters annotated with @SyntheticTable or"
                                    + " @WorldTable, and JUnit's TestInfo and TestReporter."))));
  }
}
