package dev.gauntlet.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.UserInputException;
import dev.gauntlet.model.ClassProbabilities;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-checkable cases; dataset-sized ones are pinned in the scenarios' ReferenceCasesTest. */
class ClassificationMetricsTest {

  private static ClassificationMetrics binary(int[] y, double... pPositive) {
    double[] flat = new double[pPositive.length * 2];
    for (int r = 0; r < pPositive.length; r++) {
      flat[2 * r] = 1 - pPositive[r];
      flat[2 * r + 1] = pPositive[r];
    }
    return ClassificationMetrics.of(y, ClassProbabilities.of(List.of("no", "yes"), y.length, flat));
  }

  @Test
  void perfectAndReversedRankings() {
    ClassificationMetrics perfect = binary(new int[] {0, 0, 1, 1}, 0.1, 0.2, 0.8, 0.9);
    assertThat(perfect.accuracy()).isEqualTo(1.0);
    assertThat(perfect.rocAuc()).isEqualTo(1.0);
    assertThat(perfect.prAuc()).isEqualTo(1.0);
    assertThat(perfect.f1Macro()).isEqualTo(1.0);
    ClassificationMetrics reversed = binary(new int[] {1, 1, 0, 0}, 0.1, 0.2, 0.8, 0.9);
    assertThat(reversed.accuracy()).isZero();
    assertThat(reversed.rocAuc()).isZero();
  }

  @Test
  void tiesCountHalfInTheAuc() {
    assertThat(binary(new int[] {0, 1, 0, 1}, 0.5, 0.5, 0.5, 0.5).rocAuc()).isEqualTo(0.5);
    // one positive tied with one of two negatives, above the other: (1 + 0.5) / 2
    assertThat(binary(new int[] {1, 0, 0}, 0.6, 0.6, 0.2).rocAuc()).isEqualTo(0.75);
  }

  @Test
  void aucIsUndefinedWithOneClassOnly() {
    assertThat(binary(new int[] {1, 1}, 0.3, 0.7).rocAuc()).isNaN();
  }

  @Test
  void precisionRecallF1AndConfusion() {
    // predictions: yes, yes, no, no, yes against truth yes, no, no, yes, yes
    ClassificationMetrics m = binary(new int[] {1, 0, 0, 1, 1}, 0.9, 0.8, 0.3, 0.4, 0.7);
    assertThat(m.confusion()).isDeepEqualTo(new long[][] {{1, 1}, {1, 2}});
    assertThat(m.precision()).containsExactly(0.5, 2.0 / 3);
    assertThat(m.recall()).containsExactly(0.5, 2.0 / 3);
    assertThat(m.f1Macro()).isCloseTo((0.5 + 2.0 / 3) / 2, within(1e-15));
    assertThat(m.support()).containsExactly(2, 3);
    assertThat(m.f1Weighted()).isCloseTo((0.5 * 2 + 2.0 / 3 * 3) / 5, within(1e-15));
  }

  @Test
  void brierAndLogLoss() {
    ClassificationMetrics m = binary(new int[] {1, 0}, 0.8, 0.4);
    assertThat(m.brier()).isCloseTo((0.04 + 0.16) / 2, within(1e-15));
    assertThat(m.brierMulticlass()).isCloseTo(2 * (0.04 + 0.16) / 2, within(1e-15));
    assertThat(m.logLoss()).isCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, within(1e-15));
  }

  @Test
  void aZeroTrueClassProbabilityIsClippedOnlyInTheSklearnLogLoss() {
    ClassificationMetrics m = binary(new int[] {1}, 0.0);
    assertThat(m.logLossRaw()).isInfinite();
    assertThat(m.logLoss()).isCloseTo(-Math.log(Math.ulp(1.0)), within(1e-9));
  }

  @Test
  void calibrationOfOneOverconfidentBin() {
    Calibration c = Calibration.of(new double[] {0.95, 0.95}, new boolean[] {true, false}, false);
    assertThat(c.ece()).isCloseTo(0.45, within(1e-12));
    assertThat(c.mce()).isCloseTo(0.45, within(1e-12));
    assertThat(c.overconfidence()).isCloseTo(0.45, within(1e-12));
    assertThat(c.underconfidence()).isZero();
    assertThat(c.bins()).hasSize(10);
    assertThat(c.bins().get(9).count()).isEqualTo(2);
  }

  @Test
  void binEdgesAreRightClosedByDefault() {
    // 0.7 lies on an edge: bin 6 (0.6, 0.7] by default, bin 7 [0.7, 0.8) left-closed
    double[] conf = {0.7};
    boolean[] right = {true};
    assertThat(Calibration.of(conf, right, false).bins().get(6).count()).isEqualTo(1);
    assertThat(Calibration.of(conf, right, true).bins().get(7).count()).isEqualTo(1);
  }

  @Test
  void emptyInputGivesUndefinedFigures() {
    ClassificationMetrics m = binary(new int[0]);
    assertThat(m.accuracy()).isNaN();
    assertThat(m.calibration().ece()).isNaN();
  }

  @Test
  void aConfidenceOfZeroCountsInTheFirstBin() {
    // a right-only (lo, hi] first bin left 0 out while counting it in N: ECE 0.025 instead of 0.525
    Calibration c = Calibration.of(new double[] {0.0, 0.95}, new boolean[] {true, true}, false);
    assertThat(c.bins().get(0).count()).isEqualTo(1);
    assertThat(c.ece()).isCloseTo(0.5 * 1 + 0.5 * 0.05, within(1e-12));
    assertThat(Calibration.of(new double[] {0.0}, new boolean[] {true}, true).bins().get(0).count())
        .isEqualTo(1);
  }

  @Test
  void float32ExcessesAreClampedWithinTheTolerance() {
    double[] conf = {1.0000001, -1e-7, 1 + Calibration.TOLERANCE};
    boolean[] right = {true, false, true};
    for (boolean leftClosed : new boolean[] {false, true}) {
      Calibration c = Calibration.of(conf, right, leftClosed);
      assertThat(c.bins().get(9).count()).isEqualTo(2);
      assertThat(c.bins().get(9).confidence()).isEqualTo(1.0);
      assertThat(c.bins().get(0).count()).isEqualTo(1);
      assertThat(c.bins().get(0).confidence()).isEqualTo(0.0);
      assertThat(c.ece()).isCloseTo(0, within(1e-15));
    }
  }

  @Test
  void anOutOfRangeOrNanConfidenceIsAUserErrorNamingTheRow() {
    for (boolean leftClosed : new boolean[] {false, true}) {
      assertThatThrownBy(
              () ->
                  Calibration.of(new double[] {0.5, 1.01}, new boolean[] {true, true}, leftClosed))
          .isInstanceOf(UserInputException.class)
          .hasMessageContaining("confidence of row 2")
          .hasMessageContaining("1.01");
      // the left-closed mode used to put NaN in bin 0
      assertThatThrownBy(
              () ->
                  Calibration.of(
                      new double[] {0.5, 0.6, Double.NaN},
                      new boolean[] {true, true, false},
                      leftClosed))
          .isInstanceOf(UserInputException.class)
          .hasMessageContaining("confidence of row 3")
          .hasMessageContaining("NaN");
      assertThatThrownBy(
              () -> Calibration.of(new double[] {-0.01}, new boolean[] {false}, leftClosed))
          .isInstanceOf(UserInputException.class)
          .hasMessageContaining("row 1");
    }
  }

  @Test
  void binOfPutsOneConfidenceWhereOfPutsIt() {
    // edges (0.1 * b is not exact for every b), zero, and the clamped float32 excesses
    double[] conf = {0, 0.05, 0.1, 0.3, 0.30000000000000004, 0.7, 0.95, 1, 1.0000001, -1e-7};
    for (int i = 0; i < conf.length; i++) {
      List<Calibration.Bin> bins =
          Calibration.of(new double[] {conf[i]}, new boolean[] {true}, false).bins();
      int expected = -1;
      for (int b = 0; b < bins.size(); b++) {
        expected = bins.get(b).count() == 1 ? b : expected;
      }
      assertThat(Calibration.binOf(conf[i], i)).as("confidence " + conf[i]).isEqualTo(expected);
    }
    assertThatThrownBy(() -> Calibration.binOf(Double.NaN, 4))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("confidence of row 5");
  }
}
