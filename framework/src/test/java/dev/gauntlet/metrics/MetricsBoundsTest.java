package dev.gauntlet.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Small computations of the metrics package at the values where an off-by-one or a dropped call
 * changes the answer: found by mutation testing (bench/mutation.sh), where these survived.
 */
class MetricsBoundsTest {

  @Test
  void averagePrecisionTreatsTiedScoresAsOneThreshold() {
    // scikit-learn 1.2.1 average_precision_score on the same rows
    assertThat(
            Ranking.averagePrecision(
                new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true}))
        .isCloseTo(0.8333333333333333, within(1e-15));
    assertThat(
            Ranking.averagePrecision(
                new double[] {0.5, 0.5, 0.5, 0.9}, new boolean[] {true, false, true, false}))
        .isCloseTo(0.5, within(1e-15));
    assertThat(
            Ranking.averagePrecision(
                new double[] {0.2, 0.2, 0.7, 0.7, 0.1},
                new boolean[] {true, false, true, false, true}))
        .isCloseTo(0.5333333333333333, within(1e-15));
    assertThat(
            Ranking.averagePrecision(
                new double[] {0.3, 0.3, 0.3}, new boolean[] {true, true, false}))
        .isCloseTo(0.6666666666666666, within(1e-15));
    assertThat(Ranking.averagePrecision(new double[] {0.3, 0.4}, new boolean[] {false, false}))
        .isNaN();
  }

  @Test
  void linearQuantileAtItsBounds() {
    double[] sorted = {1, 2, 4, 8};
    // numpy.quantile([1, 2, 4, 8], [0, 1/3, 0.5, 1]) = 1, 2, 3, 8
    assertThat(Quantiles.linear(sorted, 0)).isEqualTo(1);
    assertThat(Quantiles.linear(sorted, 1.0 / 3)).isEqualTo(2);
    assertThat(Quantiles.linear(sorted, 0.5)).isEqualTo(3);
    assertThat(Quantiles.linear(sorted, 1)).isEqualTo(8);
    assertThat(Quantiles.linear(new double[] {5}, 1)).isEqualTo(5);
    assertThatThrownBy(() -> Quantiles.linear(sorted, 1.0000001))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Quantiles.linear(sorted, -1e-9))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Quantiles.cuts(sorted, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Quantiles.cuts(sorted, 1)).isEmpty();
    assertThat(Quantiles.cuts(sorted, 2)).containsExactly(3);
  }

  @Test
  void calibrationBinsAreTenthsClosedOnTheRight() {
    // right-closed: 0.1 is in the first bin, 0.1000001 in the second; left-closed: 0.1 in the
    // second
    Calibration right =
        Calibration.of(
            new double[] {0.1, 0.1000001, 1.0}, new boolean[] {true, false, true}, false);
    assertThat(right.bins()).hasSize(10);
    for (int b = 0; b < 10; b++) {
      assertThat(right.bins().get(b).lo()).isCloseTo(b * 0.1, within(1e-15));
      assertThat(right.bins().get(b).hi()).isCloseTo((b + 1) * 0.1, within(1e-15));
    }
    assertThat(right.bins().get(9).hi()).isEqualTo(1.0);
    assertThat(right.bins().get(0).count()).isEqualTo(1);
    assertThat(right.bins().get(1).count()).isEqualTo(1);
    assertThat(right.bins().get(9).count()).isEqualTo(1);
    Calibration left =
        Calibration.of(new double[] {0.1, 0.0999999, 1.0}, new boolean[] {true, false, true}, true);
    assertThat(left.bins().get(0).count()).isEqualTo(1);
    assertThat(left.bins().get(1).count()).isEqualTo(1);
    assertThat(left.bins().get(9).count()).isEqualTo(1);
  }

  @Test
  void confidenceWithinRoundingIsClampedAndBeyondIsAUserError() {
    Calibration c =
        Calibration.of(
            new double[] {1 + Calibration.TOLERANCE, -Calibration.TOLERANCE},
            new boolean[] {true, true},
            false);
    assertThat(c.bins().get(9).count()).isEqualTo(1);
    assertThat(c.bins().get(9).confidence()).isEqualTo(1.0);
    assertThat(c.bins().get(0).count()).isEqualTo(1);
    assertThat(c.bins().get(0).confidence()).isEqualTo(0.0);
    assertThatThrownBy(
            () ->
                Calibration.of(
                    new double[] {1 + 2 * Calibration.TOLERANCE}, new boolean[] {true}, false))
        .isInstanceOf(UserInputException.class);
    assertThatThrownBy(
            () ->
                Calibration.of(
                    new double[] {-2 * Calibration.TOLERANCE}, new boolean[] {true}, false))
        .isInstanceOf(UserInputException.class);
  }

  @Test
  void aCategoricalSideWithoutValuesHasNoDistances() {
    CategoricalFidelity none =
        CategoricalFidelity.of(new String[] {"a", "b", "a"}, new String[] {null, null});
    assertThat(none.tvDistance()).isNaN();
    assertThat(none.jsDistance()).isNaN();
    assertThat(none.psi().value()).isNaN();
    assertThat(none.nReal()).isEqualTo(3);
    assertThat(none.nSynthetic()).isZero();
    CategoricalFidelity reversed =
        CategoricalFidelity.of(new String[] {null}, new String[] {"a", "b", "a"});
    assertThat(reversed.tvDistance()).isNaN();
    assertThat(reversed.jsDistance()).isNaN();
    CategoricalFidelity both =
        CategoricalFidelity.of(new String[] {"a", "b", "a", null}, new String[] {"a", "b"});
    // real a 2/3, b 1/3; synthetic a 1/2, b 1/2
    assertThat(both.tvDistance()).isCloseTo(1.0 / 6, within(1e-15));
    assertThat(both.nReal()).isEqualTo(3);
    assertThat(both.nSynthetic()).isEqualTo(2);
  }

  @Test
  void aSubsampleIsSeededSortedAndOnlyWhenTheTableIsLonger() {
    double[] x = IntStream.range(0, 50).asDoubleStream().toArray();
    Table t = Table.builder().numeric("x", x).build();
    assertThat(Privacy.subsample(t, 50, Seed.of(1))).isSameAs(t);
    Table sub = Privacy.subsample(t, 10, Seed.of(1));
    double[] kept = sub.numeric("x").values();
    assertThat(kept).hasSize(10).doesNotHaveDuplicates();
    for (int i = 1; i < kept.length; i++) {
      assertThat(kept[i]).isGreaterThan(kept[i - 1]); // the original order
    }
    // a shuffle, not the first rows (for this seed the last kept row is beyond row 9)
    assertThat(kept[9]).isGreaterThan(9);
    assertThat(Privacy.subsample(t, 10, Seed.of(1)).numeric("x").values()).containsExactly(kept);
    assertThat(Privacy.subsample(t, 10, Seed.of(2)).numeric("x").values()).isNotEqualTo(kept);
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(Privacy.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    assertThat(Privacy.median(new double[] {5, 1, 3})).isEqualTo(3);
    assertThat(Privacy.median(new double[0])).isNaN();
  }

  @Test
  void aMetricDefinitionNeedsARangeAndASentence() {
    assertThatCode(
            () ->
                new MetricDefinition(
                    "a_b", MetricKind.DRIFT, Direction.HIGHER_IS_BETTER, 0, 1, "A figure."))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () ->
                new MetricDefinition(
                    "a_b", MetricKind.DRIFT, Direction.HIGHER_IS_BETTER, 1, 1, "A figure."))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new MetricDefinition(
                    "a_b", MetricKind.DRIFT, Direction.HIGHER_IS_BETTER, Double.NaN, 1, "A."))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new MetricDefinition(
                    "a_b", MetricKind.DRIFT, Direction.HIGHER_IS_BETTER, 0, Double.NaN, "A."))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new MetricDefinition(
                    "a_b", MetricKind.DRIFT, Direction.HIGHER_IS_BETTER, 0, 1, "No full stop"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new MetricDefinition(
                    "a_b", MetricKind.DRIFT, Direction.HIGHER_IS_BETTER, 0, 1, " "))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
