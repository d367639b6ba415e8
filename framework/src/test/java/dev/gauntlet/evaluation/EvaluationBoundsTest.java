package dev.gauntlet.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.Table;
import dev.gauntlet.model.ClassProbabilities;
import dev.gauntlet.model.Classifier;
import dev.gauntlet.model.LogisticRegression;
import dev.gauntlet.random.Seed;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The edges of the evaluation package's arguments and small computations, each at the value where
 * an off-by-one (a {@code <} for a {@code <=}) would change the answer: found by mutation testing
 * (bench/mutation.sh), where these boundaries survived.
 */
class EvaluationBoundsTest {

  @Test
  void weakSegmentsAcceptTheSmallestSettingsAndRefuseZero() {
    assertThatCode(() -> new WeakSegments(1.0, 1, 1)).doesNotThrowAnyException();
    assertThatThrownBy(() -> new WeakSegments(1.0000001, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WeakSegments(0, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WeakSegments(0.5, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WeakSegments(0.5, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sweepSettingsAtTheirBounds() {
    RobustnessSweep sweep = RobustnessSweep.withDefaults();
    assertThatCode(() -> sweep.withSeverities(0, 1)).doesNotThrowAnyException();
    assertThatCode(() -> sweep.withSeverities(0)).doesNotThrowAnyException();
    assertThatThrownBy(() -> sweep.withSeverities(-0.01, 0.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sweep.withSeverities(0.5, 1.01))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sweep.withSeverities(0.5, 0.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sweep.withSeverities(0.5, 0.25))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatCode(() -> sweep.withResamples(1)).doesNotThrowAnyException();
    assertThatThrownBy(() -> sweep.withResamples(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sweep.withConfidence(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sweep.withConfidence(1)).isInstanceOf(IllegalArgumentException.class);
    assertThatCode(() -> sweep.withConfidence(0.999)).doesNotThrowAnyException();
  }

  @Test
  void quantileInterpolatesAsNumpy() {
    double[] sorted = {1, 2, 4, 8};
    // numpy.quantile([1, 2, 4, 8], q) (linear): 1, 1.75, 3, 5, 8, and 0.9 -> 6.8
    assertThat(RobustnessSweep.quantile(sorted, 0)).isEqualTo(1);
    assertThat(RobustnessSweep.quantile(sorted, 0.25)).isCloseTo(1.75, within(1e-12));
    assertThat(RobustnessSweep.quantile(sorted, 0.5)).isCloseTo(3, within(1e-12));
    assertThat(RobustnessSweep.quantile(sorted, 0.75)).isCloseTo(5, within(1e-12));
    assertThat(RobustnessSweep.quantile(sorted, 0.9)).isCloseTo(6.8, within(1e-12));
    assertThat(RobustnessSweep.quantile(sorted, 1)).isEqualTo(8);
  }

  @Test
  void curvePointsMustIncreaseStrictly() {
    RobustnessCurve.Point a = new RobustnessCurve.Point(0.5, 0.9, 0, 0, 0);
    RobustnessCurve.Point b = new RobustnessCurve.Point(0.5, 0.8, 0.1, 0, 0.2);
    assertThatThrownBy(() -> new RobustnessCurve("noise", "accuracy", 0.9, List.of(a, b), 1, true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sliceRowsAndMaskAtTheirBounds() {
    Slice first = new Slice("first", new int[] {0, 2});
    assertThat(first.mask(3)).containsExactly(true, false, true);
    assertThatThrownBy(() -> first.mask(2)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> new Slice("neg", new int[] {-1}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Slice("twice", new int[] {1, 1}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(first).isEqualTo(new Slice("first", new int[] {0, 2}));
    assertThat(first).isNotEqualTo(new Slice("first", new int[] {0, 1}));
    assertThat(first).isNotEqualTo(new Slice("other", new int[] {0, 2}));
    assertThatCode(() -> new SliceReport("accuracy", true, 0, Double.NaN, List.of()))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> new SliceReport("accuracy", true, -1, Double.NaN, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void outcomeClassesMustBeWithinTheModelsClasses() {
    ClassProbabilities p = ClassProbabilities.of(List.of("a", "b"), 2, new double[] {1, 0, 0, 1});
    assertThatCode(() -> new Outcomes(new int[] {0, 1}, p)).doesNotThrowAnyException();
    assertThatThrownBy(() -> new Outcomes(new int[] {0, 2}, p))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Outcomes(new int[] {-1, 1}, p))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Outcomes(new int[] {0}, p))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void importanceIsSortedAndItsStdIsThePopulationStd() {
    // y is x1's sign; x2 is unrelated: x1 matters more, so it comes first
    double[] x1 = new double[200];
    double[] x2 = new double[200];
    String[] y = new String[200];
    var rng = Seed.of(5).rng();
    for (int r = 0; r < 200; r++) {
      x1[r] = rng.nextDouble() * 2 - 1;
      x2[r] = rng.nextDouble();
      y[r] = x1[r] > 0 ? "1" : "0";
    }
    Table t =
        Table.builder()
            .numeric("x2", x2)
            .numeric("x1", x1)
            .categorical("y", y)
            .role("y", ColumnRole.LABEL)
            .build();
    Classifier model = LogisticRegression.trainer("y").fit(t);
    assertThatCode(() -> new PermutationImportance(OutcomeMetric.accuracy(), 1, Seed.of(1)))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> new PermutationImportance(OutcomeMetric.accuracy(), 0, Seed.of(1)))
        .isInstanceOf(IllegalArgumentException.class);
    PermutationImportance.Result result =
        new PermutationImportance(OutcomeMetric.accuracy(), 4, Seed.of(1)).run(model, t, "y");
    assertThat(result.importances())
        .extracting(PermutationImportance.Importance::column)
        .containsExactly("x1", "x2");
    for (PermutationImportance.Importance i : result.importances()) {
      double[] w = i.worsenings();
      double mean = (w[0] + w[1] + w[2] + w[3]) / 4;
      double ss = 0;
      for (double v : w) {
        ss += (v - mean) * (v - mean);
      }
      assertThat(i.mean()).isCloseTo(mean, within(1e-15));
      assertThat(i.std()).isCloseTo(Math.sqrt(ss / 4), within(1e-15));
    }
    assertThat(result.of("x1").std()).isPositive();
  }
}
