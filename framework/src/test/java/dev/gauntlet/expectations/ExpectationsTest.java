package dev.gauntlet.expectations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.UserInputException;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ExpectationsTest {
  static final long SEED = 4211;

  /** accuracy 0.80 clean; under shift 0.80, 0.78, 0.72, 0.66 at 0, 1/3, 2/3, 1; under noise ... */
  static MeasurementTable.Builder run() {
    return MeasurementTable.builder(SEED)
        .variant("shift", 0, 1 / 3.0, 2 / 3.0, 1)
        .variant("noise", 0, 0.5, 1)
        .clean("accuracy", Measurement.of(0.80, 0.76, 0.84))
        .measured("accuracy", "shift", 0, Measurement.of(0.80))
        .measured("accuracy", "shift", 1 / 3.0, Measurement.of(0.78))
        .measured("accuracy", "shift", 2 / 3.0, Measurement.of(0.72, 0.68, 0.76))
        .measured("accuracy", "shift", 1, Measurement.of(0.66))
        .measured("accuracy", "noise", 0, Measurement.of(0.80))
        .measured("accuracy", "noise", 0.5, Measurement.of(0.70))
        .measured("accuracy", "noise", 1, Measurement.of(0.75))
        .clean("log_loss", Measurement.of(0.40))
        .measured("log_loss", "shift", 0, Measurement.of(0.40))
        .measured("log_loss", "shift", 1 / 3.0, Measurement.of(0.45))
        .measured("log_loss", "shift", 2 / 3.0, Measurement.of(0.38))
        .measured("log_loss", "shift", 1, Measurement.of(0.55));
  }

  static Verdict judge(String text, Measurements m) {
    return Expectations.evaluate(List.of(Expectation.parse(text)), m).get(0);
  }

  @Test
  void aBoundOnTheCleanRows() {
    Verdict v = judge("accuracy >= 0.85", run().build());
    assertThat(v.passed()).isFalse();
    assertThat(v.measured()).isEqualTo(0.80);
    assertThat(v.bound()).isEqualTo(0.85);
    assertThat(v.variant()).isEmpty();
    assertThat(v.severity()).isEmpty();
    assertThat(v.breakingPoints()).isEmpty();
    assertThat(v.seed()).isEqualTo(SEED);
    assertThat(v.message())
        .isEqualTo(
            "accuracy 0.8 does not meet >= 0.85 on the clean test rows (accuracy 0.8 [0.76, 0.84]);"
                + " seed = 4211");
    assertThat(judge("accuracy > 0.79", run().build()).passed()).isTrue();
  }

  @Test
  void theWorstSeverityDecidesAndTheBreakingPointIsTheFirstFailure() {
    Verdict v = judge("accuracy >= 0.75 under shift", run().build());
    assertThat(v.passed()).isFalse();
    assertThat(v.measured()).isEqualTo(0.66);
    assertThat(v.variant()).hasValue("shift");
    assertThat(v.severity()).hasValue(1.0);
    assertThat(v.breakingPoints())
        .containsExactly(new BreakingPoint("shift", OptionalDouble.of(2 / 3.0), true));
    assertThat(v.message())
        .isEqualTo("accuracy 0.66 does not meet >= 0.75 under shift at 1; seed = 4211");
  }

  @Test
  void atJudgesOneSeverityAndTheBreakingPointIsAFinding() {
    Verdict v = judge("accuracy >= 0.75 under shift at 0.33", run().build());
    assertThat(v.passed()).isTrue();
    assertThat(v.measured()).isEqualTo(0.78);
    assertThat(v.severity()).hasValue(1 / 3.0);
    // it breaks at 2/3, where it need not hold
    assertThat(v.breakingPoints())
        .containsExactly(new BreakingPoint("shift", OptionalDouble.of(2 / 3.0), false));
    Verdict at = judge("accuracy >= 0.75 under shift at 0.67", run().build());
    assertThat(at.passed()).isFalse();
    assertThat(at.breakingPoints().get(0).mustHold()).isTrue();
  }

  @Test
  void aDropOfAccuracyIsAFall() {
    Verdict v = judge("accuracy drop <= 0.1 under shift", run().build());
    assertThat(v.passed()).isFalse();
    assertThat(v.measured()).isEqualTo(0.14, within(1e-12));
    assertThat(v.reference()).isEqualTo(0.80);
    assertThat(v.severity()).hasValue(1.0);
    assertThat(v.breakingPoints().get(0).severity()).hasValue(1.0);
    assertThat(v.message())
        .isEqualTo(
            "accuracy drop 0.14 does not meet <= 0.1 under shift at 1 (accuracy 0.66 from 0.8);"
                + " seed = 4211");
  }

  @Test
  void aDropOfLogLossIsARise() {
    // log loss 0.40 clean; 0.45, 0.38, 0.55 under shift: drops 0.05, -0.02, 0.15
    Verdict v = judge("log_loss drop <= 0.1 under shift", run().build());
    assertThat(v.passed()).isFalse();
    assertThat(v.measured()).isEqualTo(0.15, within(1e-12));
    assertThat(v.severity()).hasValue(1.0);
    Verdict at = judge("log_loss drop <= 0 under shift at 0.67", run().build());
    assertThat(at.measured()).isEqualTo(-0.02, within(1e-12));
    assertThat(at.passed()).isTrue();
  }

  @Test
  void everyVariantCoversEachSweep() {
    Verdict v = judge("accuracy drop <= 0.12 under every variant", run().build());
    // worst: shift at 1 (drop 0.14); noise breaks nowhere (worst drop 0.10 at 0.5)
    assertThat(v.passed()).isFalse();
    assertThat(v.variant()).hasValue("shift");
    assertThat(v.measured()).isEqualTo(0.14, within(1e-12));
    assertThat(v.breakingPoints())
        .containsExactly(
            new BreakingPoint("shift", OptionalDouble.of(1), true),
            new BreakingPoint("noise", OptionalDouble.empty(), false));
    Verdict atZero = judge("accuracy drop <= 0 under every variant at 0", run().build());
    assertThat(atZero.passed()).isTrue();
    assertThat(atZero.breakingPoints()).hasSize(2);
  }

  @Test
  void atMustBeOneOfTheRunsSeverities() {
    UserInputException e =
        catchThrowableOfType(
            () -> judge("accuracy >= 0.5 under noise at 0.25", run().build()),
            UserInputException.class);
    assertThat(e.where()).isEqualTo("expectation \"accuracy >= 0.5 under noise at 0.25\"");
    assertThat(e.found()).isEqualTo("no severity 0.25 in variant \"noise\"");
    assertThat(e.expected()).isEqualTo("one of its severities [0.0, 0.5, 1.0]");
    UserInputException unknown =
        catchThrowableOfType(
            () -> judge("accuracy >= 0.5 under nosie", run().build()), UserInputException.class);
    assertThat(unknown.found()).isEqualTo("variant \"nosie\", which this run does not have");
    assertThat(unknown.expected()).isEqualTo("one of [shift, noise]");
  }

  @Test
  void aMissingMeasurementIsAnErrorNotAPass() {
    UserInputException e =
        catchThrowableOfType(() -> judge("ece <= 0.05", run().build()), UserInputException.class);
    assertThat(e.found()).isEqualTo("no measurement of ece on the clean test rows");
    UserInputException sweep =
        catchThrowableOfType(
            () -> judge("log_loss <= 1 under noise at 0.5", run().build()),
            UserInputException.class);
    // every severity is needed, for the breaking point of the sweep
    assertThat(sweep.found()).isEqualTo("no measurement of log_loss under noise at 0");
    UserInputException slices =
        catchThrowableOfType(
            () -> judge("worst_slice accuracy >= 0.5", run().build()), UserInputException.class);
    assertThat(slices.found())
        .isEqualTo("no measurement of per-slice values of accuracy on the clean test rows");
  }

  @Test
  void anUndefinedValueFails() {
    Measurements m = run().clean("roc_auc", Measurement.of(Double.NaN)).build();
    Verdict v = judge("roc_auc >= 0", m);
    assertThat(v.passed()).isFalse();
    assertThat(v.message()).startsWith("roc_auc NaN (undefined) does not meet >= 0");
  }

  @Test
  void aDropWithoutACleanValueIsMeasuredFromSeverityZero() {
    Measurements m =
        MeasurementTable.builder(1)
            .variant("pgd", 0, 0.3)
            .measured("attack_success_rate", "pgd", 0, Measurement.of(0))
            .measured("attack_success_rate", "pgd", 0.3, Measurement.of(0.25))
            .build();
    Verdict v = judge("attack_success_rate drop <= 0.2 under pgd", m);
    assertThat(v.measured()).isEqualTo(0.25);
    assertThat(v.passed()).isFalse();
    assertThat(judge("attack_success_rate <= 0.3 under pgd at 0.3", m).passed()).isTrue();
  }

  @Test
  void theWorstSliceIsTheLowestValueOrTheLargestDrop() {
    Measurements m =
        run()
            .cleanSlice("accuracy", "age<30", Measurement.of(0.70))
            .cleanSlice("accuracy", "age>=30", Measurement.of(0.85))
            .measuredSlice("accuracy", "age<30", "noise", 0, Measurement.of(0.70))
            .measuredSlice("accuracy", "age>=30", "noise", 0, Measurement.of(0.85))
            .measuredSlice("accuracy", "age<30", "noise", 0.5, Measurement.of(0.65))
            .measuredSlice("accuracy", "age>=30", "noise", 0.5, Measurement.of(0.72))
            .measuredSlice("accuracy", "age<30", "noise", 1, Measurement.of(0.68))
            .measuredSlice("accuracy", "age>=30", "noise", 1, Measurement.of(0.80))
            .build();
    Verdict clean = judge("worst_slice accuracy >= 0.75", m);
    assertThat(clean.passed()).isFalse();
    assertThat(clean.measured()).isEqualTo(0.70);
    assertThat(clean.slice()).hasValue("age<30");
    assertThat(clean.message())
        .isEqualTo(
            "worst_slice accuracy 0.7 does not meet >= 0.75 on the clean test rows in slice age<30;"
                + " seed = 4211");
    // drops: 0.05 for age<30, 0.13 for age>=30: the larger decides
    Verdict drop = judge("worst_slice accuracy drop <= 0.1 under noise at 0.5", m);
    assertThat(drop.slice()).hasValue("age>=30");
    assertThat(drop.measured()).isEqualTo(0.13, within(1e-12));
    assertThat(drop.passed()).isFalse();
    assertThat(drop.breakingPoints())
        .containsExactly(new BreakingPoint("noise", OptionalDouble.of(0.5), true));
  }

  @Test
  void aDropVersusAnEarlierRun() {
    Measurements earlier =
        MeasurementTable.builder(7)
            .variant("shift", 0, 1 / 3.0, 2 / 3.0, 1)
            .clean("accuracy", Measurement.of(0.805))
            .clean("log_loss", Measurement.of(0.30))
            .measured("accuracy", "shift", 0, Measurement.of(0.805))
            .measured("accuracy", "shift", 1 / 3.0, Measurement.of(0.80))
            .measured("accuracy", "shift", 2 / 3.0, Measurement.of(0.70))
            .measured("accuracy", "shift", 1, Measurement.of(0.69))
            .build();
    List<Verdict> v =
        Expectations.evaluate(
            List.of(
                Expectation.parse("accuracy drop vs baseline <= 0.01"),
                Expectation.parse("log_loss drop vs baseline <= 0.05"),
                Expectation.parse("accuracy drop vs baseline <= 0.01 under shift")),
            run().build(),
            earlier);
    assertThat(v.get(0).passed()).isTrue();
    assertThat(v.get(0).measured()).isEqualTo(0.005, within(1e-12));
    assertThat(v.get(0).reference()).isEqualTo(0.805);
    // log loss rose from 0.30 to 0.40
    assertThat(v.get(1).passed()).isFalse();
    assertThat(v.get(1).measured()).isEqualTo(0.10, within(1e-12));
    assertThat(v.get(1).message())
        .isEqualTo(
            "log_loss drop vs baseline 0.1 does not meet <= 0.05 on the clean test rows (log_loss"
                + " 0.4 from the baseline run's 0.3); seed = 4211");
    // 0.005, 0.02, -0.02, 0.03: breaks at 1/3, worst at 1
    assertThat(v.get(2).passed()).isFalse();
    assertThat(v.get(2).severity()).hasValue(1.0);
    assertThat(v.get(2).breakingPoints())
        .containsExactly(new BreakingPoint("shift", OptionalDouble.of(1 / 3.0), true));

    UserInputException noEarlier =
        catchThrowableOfType(
            () -> judge("accuracy drop vs baseline <= 0.01", run().build()),
            UserInputException.class);
    assertThat(noEarlier.found()).isEqualTo("no earlier run to compare with");
    UserInputException lacking =
        catchThrowableOfType(
            () ->
                Expectations.evaluate(
                    List.of(Expectation.parse("accuracy drop vs baseline <= 0.01 under noise")),
                    run().build(),
                    earlier),
            UserInputException.class);
    assertThat(lacking.found())
        .isEqualTo("no measurement of variant \"noise\" in the earlier run (it has [shift])");
  }

  @Test
  void allPassed() {
    List<Verdict> v =
        Expectations.evaluate(
            List.of(Expectation.parse("accuracy >= 0.5"), Expectation.parse("accuracy >= 0.9")),
            run().build());
    assertThat(Expectations.allPassed(v)).isFalse();
    assertThat(Expectations.allPassed(v.subList(0, 1))).isTrue();
  }
}
