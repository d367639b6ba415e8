package dev.gauntlet.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.expectations.Measurement;
import dev.gauntlet.scenario.report.ReportJson;
import dev.gauntlet.scenario.spec.DataSpec;
import dev.gauntlet.scenario.spec.ModelSpec;
import dev.gauntlet.scenario.spec.ScenarioSpec;
import dev.gauntlet.scenario.spec.SliceSpec;
import dev.gauntlet.scenario.spec.VariantSpec;
import dev.gauntlet.scenario.yaml.ScenarioFiles;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example scenarios run green, and the same seed gives the same report however it is run. */
class ExampleScenariosTest {
  static final Path EXAMPLES = Path.of("../../examples/scenarios");
  static final Path CREDIT = EXAMPLES.resolve("credit-under-pressure.yaml");

  static ScenarioResult run(Path file, int threads) {
    return ScenarioRunner.withDefaults()
        .withThreads(threads)
        .run(ScenarioFiles.load(file), file.toAbsolutePath().getParent());
  }

  static ObjectNode report(ScenarioResult r) {
    return ReportJson.withoutTimings(ReportJson.of(r));
  }

  @Test
  void creditRerunsIdenticallyAtOneAndTwoThreadsAndEveryExpectationHolds() {
    ScenarioResult one = run(CREDIT, 1);
    ScenarioResult two = run(CREDIT, 2);
    assertThat(one.failures()).isEmpty();
    assertThat(report(two)).isEqualTo(report(one));
    assertThat(one.verdicts()).hasSize(ScenarioFiles.load(CREDIT).expectations().size());
    assertThat(report(one).path("model").path("task").asText()).isEqualTo("classification");
    // Severity 0 changes nothing, for every kind: its figures are the clean rows' figures.
    for (VariantResult v : one.sweeps()) {
      PlaceResult zero = v.places().get(0);
      assertThat(zero.severity()).isZero();
      for (String id : one.metrics()) {
        assertThat(zero.metrics().get(id))
            .as(v.name() + " " + id)
            .isEqualTo(one.clean().metrics().get(id));
      }
    }
    // The drift is real: label flips at full severity cost accuracy on the clean test rows.
    double flipped = one.measured("accuracy", "flipped-labels", 1.0).orElseThrow().value();
    assertThat(flipped).isLessThan(one.clean("accuracy").orElseThrow().value());
  }

  @Test
  void penguinsRegressionRerunsIdenticallyAtOneAndTwoThreadsAndEveryExpectationHolds() {
    Path file = EXAMPLES.resolve("penguins-body-mass.yaml");
    ScenarioResult one = run(file, 1);
    ScenarioResult two = run(file, 2);
    assertThat(one.failures()).isEmpty();
    assertThat(one.verdicts()).hasSize(5);
    assertThat(one.metrics()).containsExactly("mae", "rmse", "r2");
    assertThat(report(two)).isEqualTo(report(one));
    // severity 0 is the clean rows, for a regressor too
    for (VariantResult v : one.sweeps()) {
      assertThat(v.places().get(0).metrics()).isEqualTo(one.clean().metrics());
    }
  }

  @Test
  void theJavaBuilderGivesTheYamlRunsReport() {
    ScenarioSpec built =
        ScenarioSpec.builder()
            .name("credit-under-pressure")
            .description(
                "logistic regression on German credit under drift, corruption, poisoning and"
                    + " attacks")
            .seed(42)
            .data(DataSpec.csv("../data/credit_g.csv", "class"))
            .split(0.3)
            .model(ModelSpec.kind("logistic-regression"))
            .metrics("accuracy", "balanced_accuracy", "roc_auc", "log_loss", "ece")
            .slice("foreign_worker")
            .slice("age", 3)
            .variant(
                VariantSpec.of("older-applicants", "covariate-shift")
                    .withParam("column", "age")
                    .withParam("shift", "1.5")
                    .withSweep(4))
            .variant(
                VariantSpec.of("more-bad-loans", "prior-shift")
                    .withParam("proportions", "good=0.3;bad=0.7")
                    .withSweep(4))
            .variant(
                VariantSpec.of("missing-values", "missing").withParam("rate", "0.3").withSweep(4))
            .variant(
                VariantSpec.of("noisy-amounts", "gaussian-noise")
                    .withParam("columns", "credit_amount;duration")
                    .withParam("scale", "0.5")
                    .withSweep(4))
            .variant(
                VariantSpec.of("flipped-labels", "label-flip")
                    .withParam("rate", "0.3")
                    .withSweep(4))
            .variant(
                VariantSpec.of("planted-trigger", "backdoor")
                    .withParam("target", "good")
                    .withParam("rate", "0.1")
                    .withSweep(2))
            .variant(VariantSpec.of("evasion", "fgsm").withParam("epsilon", "0.5").withSweep(4))
            .expect(
                "accuracy >= 0.7",
                "roc_auc >= 0.7",
                "accuracy drop <= 0.1 under older-applicants",
                "accuracy drop <= 0.1 under missing-values",
                "accuracy drop <= 0.1 under flipped-labels",
                "attack_success_rate <= 0.6 under evasion at 0.5",
                "worst_slice accuracy >= 0.5",
                "ece <= 0.15",
                "accuracy drop <= 0.05 under planted-trigger",
                "accuracy >= 0.65 under more-bad-loans at 0.25")
            .build();
    assertThat(built).isEqualTo(ScenarioFiles.load(CREDIT));
    ScenarioResult fromJava =
        ScenarioRunner.withDefaults()
            .withThreads(2)
            .run(built, CREDIT.toAbsolutePath().getParent());
    assertThat(report(fromJava)).isEqualTo(report(run(CREDIT, 2)));
  }

  @Test
  void theChurnWorldHoldsAndItsNoiseFreeLabelIsNoFeature() {
    ScenarioResult r = run(EXAMPLES.resolve("churn-world.yaml"), 2);
    assertThat(r.failures()).isEmpty();
    // With the noise-free label as a feature a tree would be near perfect; the world's 10 %
    // label noise caps an honest model well below that.
    assertThat(r.clean("accuracy").orElseThrow().value()).isBetween(0.7, 0.95);
    // prior-shift resamples rows: its bootstrap is not paired with the clean rows'.
    assertThat(r.place("more-churners", 1.0).orElseThrow().paired()).isFalse();
    assertThat(r.place("older-customers", 1.0).orElseThrow().paired()).isTrue();
  }

  @Test
  void theSyntheticScenarioReportsQualityPrivacyAndUtilityAtEverySeverity() {
    ScenarioResult r = run(EXAMPLES.resolve("scarce-data-synthetic.yaml"), 2);
    assertThat(r.failures()).isEmpty();
    VariantResult v = r.variant("copula-data").orElseThrow();
    Map<String, Measurement> full = v.places().get(v.places().size() - 1).metrics();
    assertThat(full).containsKeys("quality_score", "exact_copy_rate", "utility_ratio");
    assertThat(v.places().get(0).metrics().get("quality_score"))
        .isEqualTo(full.get("quality_score"));
    assertThat(v.places().get(2).details()).containsEntry("synthetic_rows", 199.0);
  }

  @Test
  void slicesAreMeasuredOnTheCleanRows() {
    ScenarioSpec spec =
        ScenarioSpec.builder()
            .seed(3)
            .csv("../data/credit_g.csv", "class")
            .slice("foreign_worker")
            .bootstrap(0)
            .build();
    ScenarioResult r = ScenarioRunner.withDefaults().run(spec, CREDIT.toAbsolutePath().getParent());
    assertThat(r.cleanBySlice("accuracy"))
        .containsOnlyKeys("foreign_worker = no", "foreign_worker = yes");
    assertThat(r.clean("accuracy").orElseThrow().hasInterval()).isFalse();
    assertThat(new SliceSpec("age", null).binsOrDefault()).isEqualTo(4);
  }
}
