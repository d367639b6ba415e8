package dev.gauntlet.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.data.FeatureMatrix;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class UtilityAndRegressionTest {

  /** y = 1 when x > 0, with x standard normal-ish; noise column z. */
  private static Table world(int n, long seed, boolean scrambleLabels) {
    UniformRandomProvider rng = Seed.of(seed).rng();
    double[] x = new double[n];
    double[] z = new double[n];
    String[] y = new String[n];
    for (int i = 0; i < n; i++) {
      x[i] = rng.nextDouble() * 2 - 1;
      z[i] = rng.nextDouble();
      boolean positive = scrambleLabels ? rng.nextBoolean() : x[i] > 0;
      y[i] = positive ? "yes" : "no";
    }
    return Table.builder().numeric("x", x).numeric("z", z).categorical("y", y).build();
  }

  @Test
  void syntheticDataThatKeepsTheRuleTrainsAsWellAsRealData() {
    Utility good = Utility.of(world(400, 1, false), world(400, 2, false), "y", Seed.of(0));
    assertThat(good.holdoutRows()).isEqualTo(120);
    assertThat(good.trainRealRows()).isEqualTo(280);
    // a linear rule learned from 400 rows: both models are near-perfect on the holdout
    assertThat(good.accuracyRealTrained()).isGreaterThan(0.95);
    assertThat(good.accuracySyntheticTrained()).isGreaterThan(0.95);
    assertThat(good.ratio()).isCloseTo(1.0, within(0.05));
  }

  @Test
  void syntheticDataWithRandomLabelsHasLittleUtility() {
    Utility bad = Utility.of(world(400, 1, false), world(400, 2, true), "y", Seed.of(0));
    // labels independent of x: at best chance level (0.5), far below the real-trained model
    assertThat(bad.accuracySyntheticTrained()).isLessThan(0.8);
    assertThat(bad.ratio()).isLessThan(0.85);
    assertThat(Utility.of(world(400, 1, false), world(400, 2, true), "y", Seed.of(0)))
        .isEqualTo(bad);
  }

  @Test
  void regressionMetrics() {
    RegressionMetrics m =
        RegressionMetrics.of(new double[] {1, 2, 3, 4}, new double[] {1, 3, 3, 2});
    assertThat(m.mae()).isEqualTo(0.75);
    assertThat(m.rmse()).isCloseTo(Math.sqrt(5.0 / 4), within(1e-15));
    // SS_res = 5, SS_tot = 5 -> R^2 = 0 (sklearn: r2_score([1,2,3,4],[1,3,3,2]) = 0.0)
    assertThat(m.r2()).isCloseTo(0.0, within(1e-15));
    assertThat(RegressionMetrics.of(new double[] {2, 2}, new double[] {2, 2}).r2()).isNaN();
    assertThat(RegressionMetrics.of(new double[0], new double[0]).mae()).isNaN();
  }

  @Test
  void frechetOnEncodedFeaturesAndOnAnEmbedding() {
    Table real = world(300, 1, false);
    assertThat(Frechet.encoded(real, real)).isCloseTo(0, within(1e-9));
    Table other = world(300, 5, true);
    assertThat(Frechet.encoded(real, other)).isGreaterThan(0.01);
    // an embedding that keeps only x: the label change is invisible to it
    double onX =
        Frechet.distance(
            real,
            real,
            t -> new FeatureMatrix(t.rowCount(), 1, t.numeric("x").values(), List.of("x")));
    assertThat(onX).isCloseTo(0, within(1e-12));
  }
}
