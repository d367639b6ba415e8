package dev.gauntlet.junit.assertions;

import static dev.gauntlet.junit.assertions.GauntletAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.expectations.ExpectationParser;
import dev.gauntlet.expectations.Expectations;
import dev.gauntlet.expectations.Measurement;
import dev.gauntlet.junit.internal.Numbers;
import dev.gauntlet.scenario.PlaceResult;
import dev.gauntlet.scenario.ScenarioResult;
import dev.gauntlet.scenario.ScenarioRunner;
import dev.gauntlet.scenario.spec.Attacks;
import dev.gauntlet.scenario.spec.DataSpec;
import dev.gauntlet.scenario.spec.Metrics;
import dev.gauntlet.scenario.spec.ScenarioSpec;
import dev.gauntlet.scenario.yaml.LoadedScenario;
import dev.gauntlet.scenario.yaml.ScenarioFiles;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fluent assertions on one small run: what passes, what fails and the exact messages. */
class GauntletAssertionsTest {
  private static final String N = System.lineSeparator();
  private static ScenarioResult result;

  @BeforeAll
  static void runOnce() {
    LoadedScenario loaded = ScenarioFiles.read(Path.of("src/test/resources/scenarios/small.yaml"));
    result = ScenarioRunner.withDefaults().run(loaded.spec(), loaded.folder());
  }

  private static String text(double v) {
    return Numbers.text(v);
  }

  private static double accuracy(PlaceResult p) {
    return p.metrics().get("accuracy").value();
  }

  @Test
  void cleanValueWithinBoundsPassesAndBelowFailsWithTheFigures() {
    Measurement clean = result.clean().metrics().get("accuracy");
    assertThat(result).metric("accuracy").isAtLeast(clean.value()).isAtMost(clean.value());

    assertThatThrownBy(() -> assertThat(result).metric("accuracy").isAtLeast(clean.value() + 0.01))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            N
                + "Expecting accuracy to be at least "
                + text(clean.value() + 0.01)
                + N
                + "  measured: "
                + text(clean.value())
                + " ["
                + text(clean.lo())
                + ", "
                + text(clean.hi())
                + "]"
                + N
                + "  variant:  none (the clean test rows)"
                + N
                + "  severity: 0"
                + N
                + "  slice:    all rows"
                + N
                + "  seed:     11");
  }

  @Test
  void underAVariantTheWorstSeverityDecides() {
    List<PlaceResult> places = result.variant("missing-values").orElseThrow().places();
    PlaceResult worst =
        places.stream().min(Comparator.comparingDouble(GauntletAssertionsTest::accuracy)).get();
    PlaceResult best =
        places.stream().max(Comparator.comparingDouble(GauntletAssertionsTest::accuracy)).get();
    // the two severities differ here, else this test could not tell worst from best
    assertThat(accuracy(worst)).isLessThan(accuracy(best));

    assertThat(result).metric("accuracy").under("missing-values").isAtLeast(accuracy(worst));
    assertThatThrownBy(
            () ->
                assertThat(result)
                    .metric("accuracy")
                    .under("missing-values")
                    .isAtLeast(accuracy(best)))
        .hasMessageContaining("  measured: " + text(accuracy(worst)) + " [")
        .hasMessageContaining("  variant:  missing-values" + N)
        .hasMessageContaining("  severity: " + text(worst.severity()) + N);
    assertThat(result)
        .metric("accuracy")
        .under("missing-values")
        .atSeverity(best.severity())
        .isAtLeast(accuracy(best));
  }

  @Test
  void dropFromBaselineIsTheVariantsDropFromTheCleanRows() {
    Measurement drop = result.place("older-customers", 1).orElseThrow().drops().get("accuracy");
    double largest =
        result.variant("older-customers").orElseThrow().places().stream()
            .mapToDouble(p -> p.drops().get("accuracy").value())
            .max()
            .orElseThrow();
    assertThat(result)
        .metric("accuracy")
        .under("older-customers")
        .dropFromBaseline()
        .isAtMost(largest);
    assertThatThrownBy(
            () ->
                assertThat(result)
                    .metric("accuracy")
                    .under("older-customers")
                    .atSeverity(1)
                    .dropFromBaseline()
                    .isAtMost(drop.value() - 0.001))
        .hasMessageStartingWith(
            N
                + "Expecting accuracy drop from the clean rows to be at most "
                + text(drop.value() - 0.001)
                + N
                + "  measured: "
                + text(drop.value()))
        .hasMessageEndingWith(
            "  variant:  older-customers"
                + N
                + "  severity: 1"
                + N
                + "  slice:    all rows"
                + N
                + "  seed:     11");
  }

  @Test
  void worstSliceIsTheLowestSliceValueAndNamesTheSlice() {
    Map<String, Measurement> slices = result.clean().slices().get("accuracy");
    Map.Entry<String, Measurement> worst =
        slices.entrySet().stream()
            .min(Comparator.comparingDouble(e -> e.getValue().value()))
            .orElseThrow();
    assertThat(slices).hasSizeGreaterThan(1);

    assertThat(result).metric("accuracy").worstSlice().isAtLeast(worst.getValue().value());
    assertThatThrownBy(
            () ->
                assertThat(result)
                    .metric("accuracy")
                    .worstSlice()
                    .isAtLeast(worst.getValue().value() + 0.001))
        .hasMessageContaining("  measured: " + text(worst.getValue().value()) + N)
        .hasMessageContaining("  slice:    " + worst.getKey() + N);
  }

  @Test
  void allExpectationsHoldListsEachFailedOne() {
    assertThat(result).allExpectationsHold();
    ScenarioResult strict =
        result.withVerdicts(
            Expectations.evaluate(
                List.of(ExpectationParser.withoutVariants().parse("accuracy >= 0.999")), result));
    assertThatThrownBy(() -> assertThat(strict).allExpectationsHold())
        .hasMessage(
            N
                + "Expecting every expectation of small to hold, but 1 of 1 did not:"
                + N
                + "  - "
                + strict.failures().get(0).message());
    assertThat(strict.failures().get(0).message()).contains("seed");
  }

  @Test
  void somethingNotMeasuredSaysWhatWas() {
    assertThatThrownBy(() -> assertThat(result).metric("accuracy").under("nope"))
        .hasMessage(
            N
                + "Expecting the run to have measured the variant nope"
                + N
                + "  but it measured: variants [older-customers, missing-values]"
                + N
                + "  seed: 11");
    assertThatThrownBy(() -> assertThat(result).metric("roc_auc"))
        .hasMessage(
            N
                + "Expecting the run to have measured the metric roc_auc"
                + N
                + "  but it measured: metrics [accuracy]"
                + N
                + "  seed: 11");
    assertThatThrownBy(
            () -> assertThat(result).metric("accuracy").under("missing-values").atSeverity(0.5))
        .hasMessage(
            N
                + "Expecting the run to have measured missing-values at severity 0.5"
                + N
                + "  but it measured: severities [0, 1]"
                + N
                + "  seed: 11");
  }

  @Test
  void aDescriptionLeadsTheMessage() {
    assertThatThrownBy(
            () -> assertThat(result).as("credit model").metric("accuracy").isAtLeast(1.0))
        .hasMessageStartingWith("[credit model] " + N + "Expecting accuracy to be at least 1");
  }

  @Test
  void aVariantsOwnMetricIsAssertedUnderItsVariant() {
    ScenarioResult attacked =
        ScenarioRunner.withDefaults()
            .run(
                ScenarioSpec.builder()
                    .seed(2)
                    .data(DataSpec.worldFile("customers.json", 200).withId("churn_true"))
                    .metrics(Metrics.ACCURACY)
                    .bootstrap(0)
                    .variant(Attacks.decisionBased().withParam("max-queries", "10").withSweep(1))
                    .build(),
                Path.of("src/test/resources/scenarios"));
    double rate =
        attacked
            .place("decision-based", 1)
            .orElseThrow()
            .metrics()
            .get("attack_success_rate")
            .value();
    // a label-only attack turns some rows and not all of them, else the bounds below prove nothing
    assertThat(rate).isStrictlyBetween(0.0, 1.0);

    assertThat(attacked).metric("attack_success_rate").under("decision-based").isAtMost(rate);
    assertThatThrownBy(
            () ->
                assertThat(attacked)
                    .metric("attack_success_rate")
                    .under("decision-based")
                    .atSeverity(1)
                    .isAtMost(rate - 0.01))
        .hasMessageContaining("Expecting attack_success_rate to be at most");
    // on the clean rows it was never measured: the message says so instead of failing on nothing
    assertThatThrownBy(() -> assertThat(attacked).metric("attack_success_rate").isAtMost(1))
        .hasMessage(
            N
                + "Expecting the run to have measured the metric attack_success_rate"
                + N
                + "  but it measured: metrics [accuracy]"
                + N
                + "  seed: 2");
  }
}
