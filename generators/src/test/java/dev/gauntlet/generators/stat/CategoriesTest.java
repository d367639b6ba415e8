package dev.gauntlet.generators.stat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * How a categorical column's level is drawn: levels laid out by decreasing probability (as SDV
 * does; equal ones in level order), each holding an interval of [0, 1), read from a uniform or
 * through Φ from the copula's normal score. Boundaries are worked by hand.
 */
class CategoriesTest {
  static final NormalDistribution PHI = NormalDistribution.of(0, 1);

  @Test
  void levelsAreLaidOutByDecreasingProbabilityTiesInLevelOrder() {
    Engine.Categories c =
        new Engine.Categories(List.of("a", "b", "c", "d"), new double[] {0.2, 0.3, 0.3, 0.2});
    assertThat(c.order).containsExactly(1, 2, 0, 3);
    assertThat(c.cumulative[0]).isCloseTo(0.3, within(1e-15));
    assertThat(c.cumulative[1]).isCloseTo(0.6, within(1e-15));
    assertThat(c.cumulative[2]).isCloseTo(0.8, within(1e-15));
    assertThat(c.cumulative[3]).isEqualTo(1.0);
    assertThat(c.intervalStart(0)).isZero();
    assertThat(c.intervalStart(2)).isEqualTo(c.cumulative[1]);
    assertThat(c.thresholds).hasSize(3);
    assertThat(c.thresholds[0]).isCloseTo(PHI.inverseCumulativeProbability(0.3), within(1e-12));
  }

  @Test
  void aUniformFallsInTheIntervalItReaches() {
    // order b (0.5), c (0.3), a (0.2): b holds [0, 0.5), c [0.5, 0.8), a [0.8, 1)
    Engine.Categories c =
        new Engine.Categories(List.of("a", "b", "c"), new double[] {0.2, 0.5, 0.3});
    assertThat(c.fromUniform(0)).isEqualTo(1);
    assertThat(c.fromUniform(Math.nextDown(0.5))).isEqualTo(1);
    assertThat(c.fromUniform(0.5)).isEqualTo(2);
    assertThat(c.fromUniform(Math.nextDown(c.cumulative[1]))).isEqualTo(2);
    assertThat(c.fromUniform(c.cumulative[1])).isEqualTo(0);
    assertThat(c.fromUniform(Math.nextDown(1.0))).isEqualTo(0);
    // probabilities summing a little under 1 (rounding): the last level takes the rest
    Engine.Categories rounded =
        new Engine.Categories(List.of("x", "y"), new double[] {0.6, 0.3999999});
    assertThat(rounded.fromUniform(0.99999995)).isEqualTo(1);
  }

  /** Both look-ups (a walk up to 16 thresholds, a binary search above) give the same levels. */
  @Test
  void aNormalScoreFallsInTheIntervalOfItsPhi() {
    for (int levels : new int[] {3, 17, 40}) {
      List<String> names = new ArrayList<>();
      double[] p = new double[levels];
      double sum = 0;
      for (int i = 0; i < levels; i++) {
        names.add("l" + i);
        p[i] = i + 1;
        sum += i + 1;
      }
      for (int i = 0; i < levels; i++) {
        p[i] /= sum;
      }
      Engine.Categories c = new Engine.Categories(names, p);
      // the most probable level is the last one
      assertThat(c.order[0]).isEqualTo(levels - 1);
      double[] z = new double[2 * levels + 1];
      int[] want = new int[z.length];
      for (int i = 0; i < levels; i++) {
        double mid = 0.5 * (c.intervalStart(i) + c.cumulative[i]);
        z[2 * i] = PHI.inverseCumulativeProbability(mid);
        want[2 * i] = c.order[i];
        // a score exactly at a threshold belongs to the next level, as a uniform at a boundary
        if (i < levels - 1) {
          z[2 * i + 1] = c.thresholds[i];
          want[2 * i + 1] = c.order[i + 1];
        } else {
          z[2 * i + 1] = 40;
          want[2 * i + 1] = c.order[i];
        }
      }
      z[2 * levels] = -40;
      want[2 * levels] = c.order[0];
      assertThat(c.fromNormal(z, z.length)).as("%d levels", levels).containsExactly(want);
      assertThat(c.fromNormal(z, 2)).hasSize(2);
    }
  }
}
