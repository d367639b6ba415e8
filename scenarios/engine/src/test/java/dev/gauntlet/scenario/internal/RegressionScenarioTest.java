package dev.gauntlet.scenario.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Table;
import dev.gauntlet.expectations.Measurement;
import dev.gauntlet.generators.perturb.Leakage;
import dev.gauntlet.metrics.RegressionMetrics;
import dev.gauntlet.model.LinearRegression;
import dev.gauntlet.model.ModelTrainer;
import dev.gauntlet.model.RegressionTree;
import dev.gauntlet.model.Regressor;
import dev.gauntlet.random.Seed;
import dev.gauntlet.scenario.RunListener;
import dev.gauntlet.scenario.ScenarioResult;
import dev.gauntlet.scenario.ScenarioRunner;
import dev.gauntlet.scenario.report.ReportJson;
import dev.gauntlet.scenario.spec.ModelSpec;
import dev.gauntlet.scenario.spec.ScenarioSpec;
import dev.gauntlet.scenario.spec.SplitSpec;
import dev.gauntlet.scenario.spec.VariantSpec;
import dev.gauntlet.scenario.yaml.ScenarioFiles;
import dev.gauntlet.spi.Registry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A scenario whose model is a regressor: its figures, its refusals, its determinism. */
class RegressionScenarioTest {
  static final Path DATA = EngineChecksTest.DATA;
  static final String LABEL = "body_mass_g";

  static ScenarioSpec.Builder penguins() {
    return ScenarioSpec.builder().name("penguins").seed(11).csv("penguins.csv", LABEL);
  }

  /** Runs the spec and hands back the training and test rows the engine split. */
  static ScenarioResult run(ScenarioSpec spec, AtomicReference<Table[]> split, int threads) {
    RunListener keep =
        new RunListener() {
          @Override
          public void split(Table train, Table test) {
            split.set(new Table[] {train, test});
          }
        };
    return ScenarioRunner.withDefaults().withThreads(threads).withListener(keep).run(spec, DATA);
  }

  static double[] figures(double[] truth, double[] predicted) {
    RegressionMetrics m = RegressionMetrics.of(truth, predicted);
    return new double[] {m.mae(), m.rmse(), m.r2()};
  }

  static void assertFigures(Map<String, Measurement> measured, double[] expected) {
    // the same predictions through the same sums: equal up to rounding
    assertThat(measured.get("mae").value()).isCloseTo(expected[0], within(1e-9));
    assertThat(measured.get("rmse").value()).isCloseTo(expected[1], within(1e-9));
    assertThat(measured.get("r2").value()).isCloseTo(expected[2], within(1e-12));
  }

  @Test
  void theFiguresAreRegressionMetricsOfTheModelsPredictionsCleanSlicedAndDrifted() {
    ScenarioSpec spec =
        penguins()
            .model(ModelSpec.kind("linear-regression").withParam("l2", "1"))
            .slice("species")
            .variant(
                VariantSpec.of("longer-flippers", "covariate-shift")
                    .withParam("columns", "flipper_length_mm")
                    .withSeverities(0.0, 1.0))
            .variant(VariantSpec.of("leak", "copy-test-rows").withSeverities(0.0, 0.5))
            .expect("rmse <= 2000")
            .expect("r2 drop <= 0.1 under longer-flippers")
            .expect("worst_slice mae <= 1000")
            .build();
    AtomicReference<Table[]> split = new AtomicReference<>();
    ScenarioResult r = run(spec, split, 1);
    Table train = split.get()[0];
    Table test = split.get()[1];
    // penguins.csv has 344 rows, 2 without a body mass: 342 left, 30 % of them held out
    assertThat(train.rowCount() + test.rowCount()).isEqualTo(342);
    assertThat(r.metrics()).containsExactly("mae", "rmse", "r2");
    assertThat(r.classes()).isEmpty();

    Regressor model = LinearRegression.trainer(LABEL).withL2(1).fit(train);
    double[] truth = test.numeric(LABEL).values();
    double[] clean = figures(truth, model.predict(test));
    assertFigures(r.clean().metrics(), clean);
    Measurement rmse = r.clean().metrics().get("rmse");
    assertThat(rmse.lo()).isLessThan(rmse.value());
    assertThat(rmse.hi()).isGreaterThan(rmse.value());
    assertThat(r.clean().reliability()).isEmpty();

    // a slice: the same metrics on its rows only
    int[] gentoo =
        java.util.stream.IntStream.range(0, test.rowCount())
            .filter(i -> test.categorical("species").level(i).equals("Gentoo"))
            .toArray();
    Table gentooRows = test.take(gentoo);
    double[] slice = figures(gentooRows.numeric(LABEL).values(), model.predict(gentooRows));
    assertThat(r.cleanBySlice("rmse").get("species = Gentoo").value())
        .isCloseTo(slice[1], within(1e-9));

    // a test-time variant: the registered perturbation at the documented seed, the same model
    Seed severity =
        Seed.of(11)
            .derive("variant:longer-flippers")
            .derive("severity", Double.doubleToLongBits(1));
    Table shifted =
        Registry.perturbations()
            .get("covariate-shift")
            .create(Map.of("columns", "flipper_length_mm"))
            .apply(test, 1.0, severity);
    double[] drifted = figures(truth, model.predict(shifted));
    assertFigures(r.place("longer-flippers", 1.0).orElseThrow().metrics(), drifted);
    // drop follows the catalogue's direction: for rmse a rise, for r2 a fall
    assertThat(r.place("longer-flippers", 1.0).orElseThrow().drops().get("rmse").value())
        .isCloseTo(drifted[1] - clean[1], within(1e-9));
    assertThat(r.place("longer-flippers", 1.0).orElseThrow().drops().get("r2").value())
        .isCloseTo(clean[2] - drifted[2], within(1e-12));

    // a training-time variant that applies to numbers: test rows copied into training, refit
    Seed leakSeed =
        Seed.of(11).derive("variant:leak").derive("severity", Double.doubleToLongBits(0.5));
    Table leaky = Leakage.copyTestRows(train, test, 0.5, leakSeed);
    double[] leaked =
        figures(truth, LinearRegression.trainer(LABEL).withL2(1).fit(leaky).predict(test));
    assertFigures(r.place("leak", 0.5).orElseThrow().metrics(), leaked);
    assertThat(leaked[1]).isLessThan(clean[1]); // the model has seen half the test rows

    assertThat(r.verdicts()).hasSize(3);
    assertThat(r.failures()).isEmpty();
  }

  @Test
  void theReportIsTheSameAtOneAndTwoThreads() {
    ScenarioSpec spec =
        penguins()
            .model(ModelSpec.kind("regression-tree").withParam("max-depth", "4"))
            .slice("island")
            .variant(VariantSpec.of("missing", "missing").withParam("rate", "0.3").withSweep(2))
            .variant(VariantSpec.of("noise", "gaussian-noise").withSweep(2))
            .variant(VariantSpec.of("leak", "copy-test-rows").withSweep(2))
            .build();
    AtomicReference<Table[]> split = new AtomicReference<>();
    var one = ReportJson.withoutTimings(ReportJson.of(run(spec, split, 1)));
    var two = ReportJson.withoutTimings(ReportJson.of(run(spec, split, 2)));
    assertThat(two).isEqualTo(one);
    // the report says what the model predicts: a regressor has no classes to list
    assertThat(one.path("model").path("task").asText()).isEqualTo("regression");
    assertThat(one.path("model").path("classes")).isEmpty();
    assertThat(one.path("clean").path("metrics").path("rmse").path("value").asDouble())
        .isPositive();
    // and the tree's clean figures are its own predictions' (the seed of the fit: "model")
    Table train = split.get()[0];
    Table test = split.get()[1];
    Regressor tree =
        RegressionTree.trainer(LABEL)
            .withMaxDepth(4)
            .withMinSamplesLeaf(5)
            .withSeed(Seed.of(11).derive("model"))
            .fit(train);
    double[] expected = figures(test.numeric(LABEL).values(), tree.predict(test));
    assertThat(one.path("clean").path("metrics").path("mae").path("value").asDouble())
        .isCloseTo(expected[0], within(1e-9));
  }

  @Test
  void variantsThatActOnClassesAreRefusedAtTheirKindBeforeAnyRowIsRead() {
    for (String kind :
        List.of("label-flip", "backdoor", "near-boundary-flip", "label-leak", "prior-shift")) {
      ScenarioSpec spec =
          EngineChecksTest.missingData()
              .model("linear-regression")
              .variant(VariantSpec.of("v", kind))
              .build();
      UserInputException e =
          catchThrowableOfType(
              () -> ScenarioRunner.withDefaults().validate(spec), UserInputException.class);
      assertThat(e.where()).isEqualTo("checks (variants[0].kind)");
      assertThat(e.found())
          .isEqualTo(
              "kind " + kind + ", which changes classes of the label; the model is a regressor");
      assertThat(e.expected())
          .isEqualTo(
              "a kind for a regression model: a test-time perturbation, copy-test-rows or"
                  + " synthetic");
      assertThat(e.fix()).isEqualTo("remove the variant, or use a classifier");
    }
    for (String kind : List.of("fgsm", "pgd", "score-based", "decision-based")) {
      ScenarioSpec spec =
          EngineChecksTest.missingData()
              .model("regression-tree")
              .variant(VariantSpec.of("v", kind))
              .build();
      assertThatThrownBy(() -> ScenarioRunner.withDefaults().validate(spec))
          .isInstanceOf(UserInputException.class)
          .hasMessageContaining("checks (variants[0].kind)")
          .hasMessageContaining(
              "kind "
                  + kind
                  + ", an evasion attack, which flips a classifier's predicted classes; the model"
                  + " is a regressor");
    }
  }

  @Test
  void aRefusalInAFileIsPlacedAtTheVariantsKind() {
    // reading a scenario file validates it: the refusal comes before any row is read
    UserInputException e =
        catchThrowableOfType(
            () -> ScenarioFiles.read(Path.of("src/test/resources/regression/forbidden.yaml")),
            UserInputException.class);
    assertThat(e.where()).endsWith("forbidden.yaml:8:11 (variants[1].kind)");
    assertThat(e.found())
        .isEqualTo("kind label-flip, which changes classes of the label; the model is a regressor");
  }

  @Test
  void metricsThresholdsAndLabelsMustSuitTheTask() {
    UserInputException metric =
        refusedByValidation(
            EngineChecksTest.missingData()
                .model("linear-regression")
                .metrics("rmse", "accuracy")
                .build());
    assertThat(metric.where()).isEqualTo("checks (metrics[1])");
    assertThat(metric.expected())
        .isEqualTo("a metric of numeric predictions: one of [mae, r2, rmse]");

    UserInputException classifierMetric =
        refusedByValidation(
            EngineChecksTest.missingData().model("decision-tree").metrics("rmse").build());
    assertThat(classifierMetric.fix()).contains("use a regression model (linear-regression");

    UserInputException threshold =
        refusedByValidation(
            EngineChecksTest.missingData()
                .model(ModelSpec.kind("linear-regression").withThreshold(0.3))
                .build());
    assertThat(threshold.where()).isEqualTo("checks (model.threshold)");

    UserInputException stratify =
        refusedByValidation(
            EngineChecksTest.missingData()
                .model("regression-tree")
                .split(SplitSpec.fraction(0.3).withStratify(true))
                .build());
    assertThat(stratify.where()).isEqualTo("checks (split.stratify)");
    assertThat(stratify.expected())
        .isEqualTo("false: a numeric label has no classes to stratify by");

    UserInputException categorical = refusedLabel("species", "linear-regression");
    assertThat(categorical.where()).isEqualTo("checks (data.label)");
    assertThat(categorical.found())
        .isEqualTo("categorical label column \"species\" for a regressor");

    UserInputException fractional = refusedLabel("bill_length_mm", "decision-tree");
    assertThat(fractional.where()).isEqualTo("checks (data.label)");
    assertThat(fractional.found())
        .isEqualTo(
            "numeric label column \"bill_length_mm\" with values that are not integer classes"
                + " (row 1: 39.1)");
  }

  /** The refusal of a spec that validation alone refuses. */
  static UserInputException refusedByValidation(ScenarioSpec spec) {
    return catchThrowableOfType(
        () -> ScenarioRunner.withDefaults().validate(spec), UserInputException.class);
  }

  /** The refusal of a run on penguins.csv with this label and model kind. */
  static UserInputException refusedLabel(String label, String model) {
    ScenarioSpec spec =
        ScenarioSpec.builder().name("checks").csv("penguins.csv", label).model(model).build();
    return catchThrowableOfType(
        () -> ScenarioRunner.withDefaults().run(spec, DATA), UserInputException.class);
  }

  /** A fixed regressor: the mean body mass of the penguins, whatever the row. */
  public static final class MeanMass implements Regressor {
    @Override
    public double[] predict(Table table) {
      double[] out = new double[table.rowCount()];
      java.util.Arrays.fill(out, 4200);
      return out;
    }
  }

  /** A broken regressor: one number short. */
  public static final class OneShort implements Regressor {
    @Override
    public double[] predict(Table table) {
      return new double[table.rowCount() - 1];
    }
  }

  @Test
  void aRegressorGivingTheWrongNumberOfPredictionsIsAUserError() {
    UserInputException e =
        catchThrowableOfType(
            () ->
                run(
                    penguins().model(ModelSpec.javaClass(OneShort.class.getName())).build(),
                    new AtomicReference<>(),
                    1),
            UserInputException.class);
    assertThat(e.where()).isEqualTo("penguins (model)");
    assertThat(e.found()).isEqualTo("a regressor whose predict gave 102 numbers for 103 rows");
  }

  /** A retrainable regressor: a regression tree of depth 2. */
  public static final class ShallowTrees implements ModelTrainer<Regressor> {
    @Override
    public Regressor fit(Table train) {
      return RegressionTree.trainer(LABEL).withMaxDepth(2).fit(train);
    }
  }

  @Test
  void aRegressorOrATrainerOfRegressorsByJavaClassRuns() {
    AtomicReference<Table[]> split = new AtomicReference<>();
    ScenarioResult fixed =
        run(penguins().model(ModelSpec.javaClass(MeanMass.class.getName())).build(), split, 1);
    double[] truth = split.get()[1].numeric(LABEL).values();
    double[] constant = new double[truth.length];
    java.util.Arrays.fill(constant, 4200);
    assertFigures(fixed.clean().metrics(), figures(truth, constant));

    // a fixed model cannot be refitted: copy-test-rows needs a retrainable one
    assertThatThrownBy(
            () ->
                ScenarioRunner.withDefaults()
                    .validate(
                        EngineChecksTest.missingData()
                            .model(ModelSpec.javaClass(MeanMass.class.getName()))
                            .variant(VariantSpec.of("leak", "copy-test-rows"))
                            .build()))
        .hasMessageContaining("needs a model that is retrainable");

    ScenarioResult trained =
        run(
            penguins()
                .model(ModelSpec.javaClass(ShallowTrees.class.getName()))
                .variant(VariantSpec.of("leak", "copy-test-rows").withSweep(1))
                .build(),
            split,
            1);
    Table train = split.get()[0];
    Table test = split.get()[1];
    double[] expected =
        figures(test.numeric(LABEL).values(), new ShallowTrees().fit(train).predict(test));
    assertFigures(trained.clean().metrics(), expected);
    assertThat(trained.measured("rmse", "leak", 1.0).orElseThrow().value()).isLessThan(expected[1]);
  }
}
