package dev.gauntlet.generators.perturb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.Split;
import dev.gauntlet.data.Table;
import dev.gauntlet.evaluation.LeakageCheck;
import dev.gauntlet.evaluation.RobustnessCurve;
import dev.gauntlet.evaluation.RobustnessSweep;
import dev.gauntlet.expectations.Expectation;
import dev.gauntlet.model.LogisticRegression;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Registry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The "done when" lines on credit_g and telco_churn with the built-in models and fixed
 * seeds. Each threshold leaves room under the measured value; the measurements are in comments.
 */
class RobustnessDoneWhenTest {
  static final Registry<dev.gauntlet.spi.PerturbationProvider> REGISTRY = Registry.perturbations();

  static Split credit() {
    return Data.creditG().stratifiedSplit("class", 0.3, Seed.of(11));
  }

  @Test
  void accuracyUnderCovariateShiftFallsAsSeverityRises() {
    Split split = credit();
    var model = LogisticRegression.trainer("class").fit(split.train());
    var shift = REGISTRY.get("covariate-shift").create(Map.of("shift", "3"));
    RobustnessCurve curve =
        RobustnessSweep.withDefaults()
            .withResamples(500)
            .run(model, split.test(), "class", "covariate-shift:shift=3", shift, Seed.of(3));
    // Measured: 0.770, 0.767, 0.607, 0.517, 0.430 at severities 0, 0.25, 0.5, 0.75, 1.
    double[] v = curve.values();
    for (int i = 1; i < v.length; i++) {
      assertThat(v[i]).as("severity " + curve.points().get(i).severity()).isLessThan(v[i - 1]);
    }
    assertThat(curve.points().get(0).drop()).isZero();
    RobustnessCurve.Point last = curve.points().get(v.length - 1);
    assertThat(last.drop()).isEqualTo(curve.baseline() - last.value(), within(1e-12));
    // A 95 % paired-bootstrap interval of the drop excludes 0 by far (drop 0.34).
    assertThat(last.dropLow()).isGreaterThan(0.2);
    assertThat(last.dropHigh()).isGreaterThan(last.drop());
    assertThat(curve.breakingPoint(Expectation.parse("accuracy >= 0.7"))).hasValue(0.5);
    assertThat(curve.breakingPoint(Expectation.parse("accuracy >= 0.4"))).isEmpty();
  }

  @Test
  void thirtyPercentRandomLabelFlipsLowerAccuracy() {
    Split split = credit();
    var flip = REGISTRY.get("label-flip").create(Map.of("rate", "0.3"));
    // Measured drops for seeds 1, 2, 3: 0.117, 0.067, 0.070 (clean 0.770).
    for (long s = 1; s <= 3; s++) {
      Poisoning.Result r =
          Poisoning.retrain(
              LogisticRegression.trainer("class"),
              split.train(),
              split.test(),
              "class",
              flip,
              1,
              Seed.of(s));
      assertThat(r.drop()).as("seed " + s).isGreaterThan(0.03);
    }
  }

  @Test
  void aBackdoorAtTenPercentSucceedsWhileCleanAccuracyHolds() {
    Split split = Data.telco().stratifiedSplit("churn", 0.3, Seed.of(11));
    Poisoning.BackdoorResult r =
        Poisoning.backdoor(
            LogisticRegression.trainer("churn"),
            split.train(),
            split.test(),
            "churn",
            Map.of("target", "Yes", "rate", "0.1"),
            Seed.of(1));
    System.out.println(r);
    assertThat(r.poisonedRows()).isBetween(400, 493);
    assertThat(r.attackSuccessRate()).isGreaterThanOrEqualTo(0.9);
    assertThat(Math.abs(r.poisonedCleanAccuracy() - r.cleanAccuracy())).isLessThanOrEqualTo(0.02);
    assertThat(r.baselineTriggerRate()).isLessThan(0.5);
  }

  @Test
  void injectedLeakageIsDetected() {
    Split split = credit();
    LeakageCheck check = LeakageCheck.withDefaults();
    LeakageCheck.Report clean = check.run(split.train(), split.test(), "class");
    // Measured: no duplicates; the best single feature (checking_status) reaches about 0.7.
    assertThat(clean.leaks()).isFalse();

    Table leakyTrain = Leakage.copyTestRows(split.train(), split.test(), 0.1, Seed.of(2));
    LeakageCheck.Report copied = check.run(leakyTrain, split.test(), "class");
    assertThat(copied.exactDuplicates()).isEqualTo(30);
    assertThat(copied.nearDuplicates()).isGreaterThanOrEqualTo(30);

    var leak = REGISTRY.get("label-leak").create(Map.of("noise", "0.1"));
    Table all = leak.apply(Data.creditG(), 1, Seed.of(4)).withRole("leak", ColumnRole.FEATURE);
    Split leaky = all.stratifiedSplit("class", 0.3, Seed.of(11));
    LeakageCheck.Report proxy = check.run(leaky.train(), leaky.test(), "class");
    assertThat(proxy.proxies()).containsExactly("leak");
    assertThat(proxy.featureAccuracy().get("leak")).isGreaterThan(0.99);
  }
}
