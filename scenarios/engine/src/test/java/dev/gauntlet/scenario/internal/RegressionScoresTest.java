package dev.gauntlet.scenario.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.metrics.RegressionMetrics;
import dev.gauntlet.random.Seed;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegressionScoresTest {

  @Test
  void aResampleIsItsRowsWrittenOut() {
    double[] truth = {3, -0.5, 2, 7, 4.25, 1};
    double[] predicted = {2.5, 0, 2, 8, 4, -1};
    RegressionScores scores = new RegressionScores(List.of("r2", "mae", "rmse"), truth, predicted);
    int[][] counts = Bootstrap.counts(truth.length, 50, Seed.of(5));
    for (int[] c : counts) {
      List<Double> t = new ArrayList<>();
      List<Double> p = new ArrayList<>();
      for (int r = 0; r < c.length; r++) {
        for (int k = 0; k < c[r]; k++) {
          t.add(truth[r]);
          p.add(predicted[r]);
        }
      }
      RegressionMetrics m =
          RegressionMetrics.of(
              t.stream().mapToDouble(Double::doubleValue).toArray(),
              p.stream().mapToDouble(Double::doubleValue).toArray());
      double[] v = scores.of(c);
      // the same sums in another order: equal up to rounding
      if (Double.isNaN(m.r2())) {
        assertThat(v[0]).isNaN(); // every drawn row has the same truth
      } else {
        assertThat(v[0]).isCloseTo(m.r2(), within(1e-12));
      }
      assertThat(v[1]).isCloseTo(m.mae(), within(1e-12));
      assertThat(v[2]).isCloseTo(m.rmse(), within(1e-12));
    }
  }

  @Test
  void rowsPickASubsetAndTheScikitLearnFiguresHold() {
    // scikit-learn 1.2.1: mean_absolute_error([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]) = 0.5,
    // mean_squared_error(..., squared=False) = 0.6123724356957945, r2_score(...) =
    // 0.9486081370449679
    double[] truth = {3, -0.5, 2, 7, 99};
    double[] predicted = {2.5, 0, 2, 8, 0};
    RegressionScores scores = new RegressionScores(List.of("mae", "rmse", "r2"), truth, predicted);
    double[] v = scores.compute(new int[] {0, 1, 2, 3});
    assertThat(v[0]).isCloseTo(0.5, within(1e-15));
    assertThat(v[1]).isCloseTo(0.6123724356957945, within(1e-15));
    assertThat(v[2]).isCloseTo(0.9486081370449679, within(1e-15));
  }
}
