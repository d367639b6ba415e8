package dev.gauntlet.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import org.junit.jupiter.api.Test;

/** Detection's AUC is clipped per fold at 0.5, as its score and the README say. */
class DetectionClippingTest {

  @Test
  void foldsBelowChanceCountAsChanceInTheAucAndTheScore() {
    // the same 60 rows on both sides: the classifier cannot tell them apart, so fold AUCs
    // scatter around 0.5 and some fall below it
    int n = 60;
    double[] x = new double[n];
    String[] c = new String[n];
    for (int i = 0; i < n; i++) {
      x[i] = (i * 37 % 61) / 7.0;
      c[i] = i % 3 == 0 ? "a" : "b";
    }
    Table t = Table.builder().numeric("x", x).categorical("c", c).build();
    int belowChance = 0;
    for (long seed = 0; seed < 20; seed++) {
      Detection d = Detection.of(t, t, Seed.of(seed));
      double clipped = 0;
      for (double fold : d.foldAuc()) {
        clipped += Math.max(fold, 0.5);
        belowChance += fold < 0.5 ? 1 : 0;
      }
      assertThat(d.auc()).as("seed " + seed).isCloseTo(clipped / d.folds(), within(1e-15));
      assertThat(d.auc()).isGreaterThanOrEqualTo(0.5);
      assertThat(d.score()).isCloseTo(1 - (2 * d.auc() - 1), within(1e-15));
    }
    assertThat(belowChance).as("folds below 0.5, so that clipping is exercised").isPositive();
  }
}
