package dev.gauntlet.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.expectations.Expectation;
import java.util.List;
import org.junit.jupiter.api.Test;

class RobustnessCurveTest {
  static RobustnessCurve curve(double... values) {
    List<RobustnessCurve.Point> points = new java.util.ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      points.add(
          new RobustnessCurve.Point(
              i / (values.length - 1.0), values[i], values[0] - values[i], 0, 0));
    }
    return new RobustnessCurve("p", "accuracy", values[0], points, 1);
  }

  @Test
  void theBreakingPointIsTheLowestFailingSeverity() {
    RobustnessCurve c = curve(0.9, 0.85, 0.79, 0.81, 0.6);
    assertThat(c.breakingPoint(Expectation.parse("accuracy >= 0.8"))).hasValue(0.5);
    assertThat(c.breakingPoint(Expectation.parse("accuracy > 0.5"))).isEmpty();
    assertThat(c.breakingPoint(Expectation.parse("accuracy>=0.95"))).hasValue(0.0);
  }

  @Test
  void aDropExpectationBreaksWhereTheDropExceedsTheBound() {
    RobustnessCurve c = curve(0.9, 0.85, 0.79, 0.81, 0.6);
    // drops 0, 0.05, 0.11, 0.09, 0.3
    assertThat(c.breakingPoint(Expectation.parse("accuracy drop <= 0.1 under p"))).hasValue(0.5);
    assertThat(c.breakingPoint(Expectation.parse("accuracy drop < 0.05 under p"))).hasValue(0.25);
    assertThat(c.breakingPoint(Expectation.parse("accuracy drop <= 0.31 under p"))).isEmpty();
  }

  @Test
  void expectationsOnAnotherMetricOrVariantAreRefused() {
    assertThatThrownBy(() -> curve(0.9, 0.8).breakingPoint(Expectation.parse("ece <= 0.1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("curve measures accuracy");
    assertThatThrownBy(
            () -> curve(0.9, 0.8).breakingPoint(Expectation.parse("accuracy >= 0.1 under other")))
        .hasMessageContaining("not about p");
    assertThatThrownBy(
            () -> curve(0.9, 0.8).breakingPoint(Expectation.parse("worst_slice accuracy >= 0.1")))
        .hasMessageContaining("neither slices");
  }

  @Test
  void pointsMustBeInSeverityOrder() {
    var p = new RobustnessCurve.Point(0.5, 0.8, 0.1, 0, 0.2);
    var q = new RobustnessCurve.Point(0.25, 0.8, 0.1, 0, 0.2);
    assertThatThrownBy(() -> new RobustnessCurve("p", "accuracy", 0.9, List.of(p, q), 1))
        .hasMessageContaining("not increasing");
  }
}
