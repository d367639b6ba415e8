package dev.gauntlet.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.random.Seed;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/**
 * Contingency tables of more than 2^20 cells are counted in a hash map, smaller ones in arrays;
 * both must give the same figures. Relabelling codes changes neither the total variation distance
 * nor Cramér's V, so the same rows with codes spread up to 3,000 (the map) and packed below 10 (the
 * arrays) must agree. No other test reached the map's path (mutation testing found it untested).
 */
class ContingencyPathsTest {
  private static final int[] SPREAD = {0, 7, 150, 999, 2999};

  private static int[][] codes(int rows, int levels, long part) {
    UniformRandomProvider rng = Seed.of(11).rng("contingency", part);
    int[] packed = new int[rows];
    int[] spread = new int[rows];
    for (int r = 0; r < rows; r++) {
      // skewed, so the tables differ and the figures are not trivial
      int k = Math.min(levels - 1, (int) Math.floor(levels * Math.pow(rng.nextDouble(), 1.5)));
      packed[r] = k;
      spread[r] = SPREAD[k];
    }
    return new int[][] {packed, spread};
  }

  @Test
  void theMapAndTheArraysGiveTheSameFigures() {
    int[][] realA = codes(300, 5, 1);
    int[][] realB = codes(300, 4, 2);
    int[][] synthA = codes(250, 5, 3);
    int[][] synthB = codes(250, 4, 4);
    // B's codes spread too: 3000 x 3000 cells for the map
    double packed = Contingency.similarity(realA[0], realB[0], synthA[0], synthB[0]);
    double spread = Contingency.similarity(realA[1], realB[1], synthA[1], synthB[1]);
    assertThat(packed).isBetween(0.5, 0.99);
    assertThat(spread).isCloseTo(packed, within(1e-12));

    Contingency.Pair dense = Contingency.pair(realA[0], realB[0], synthA[0], synthB[0], 5, 4);
    Contingency.Pair sparse =
        Contingency.pair(realA[1], realB[1], synthA[1], synthB[1], 3000, 3000);
    assertThat(dense.realCramersV()).isBetween(0.01, 0.99);
    assertThat(sparse.similarity()).isCloseTo(dense.similarity(), within(1e-12));
    assertThat(sparse.realCramersV()).isCloseTo(dense.realCramersV(), within(1e-12));
  }

  @Test
  void missingCodesAreLeftOutOnBothPaths() {
    int[] a = {0, 1, -1, 1, 0, 2};
    int[] b = {1, 1, 0, -1, 0, 1};
    int[] sa = {0, 0, 1, 2, -1};
    int[] sb = {1, 0, 1, 1, 1};
    int[] bigA = {0, 1, -1, 1, 0, 2999};
    int[] bigSa = {0, 0, 1, 2999, -1};
    int[] bigB = {1, 1, 0, -1, 0, 1};
    // real pairs (0,1) (1,1) (0,0) (2,1): each 1/4; synthetic (0,1) (0,0) (1,1) (2,1): each 1/4
    assertThat(Contingency.similarity(a, b, sa, sb)).isCloseTo(1.0, within(1e-15));
    assertThat(Contingency.similarity(bigA, bigB, bigSa, new int[] {1, 0, 1, 1, 2999}))
        .isCloseTo(1.0, within(1e-15));
    int[] none = {-1, -1};
    assertThat(Contingency.similarity(none, new int[] {0, 1}, new int[] {0, 1}, new int[] {0, 1}))
        .isNaN();
    assertThat(
            Contingency.similarity(
                new int[] {-1, -1}, new int[] {0, 2999}, new int[] {0, 1}, new int[] {0, 1}))
        .isNaN();
  }

  @Test
  void sharedBinsAreRightClosedTenthsOfTheRealRange() {
    assertThat(
            Contingency.bins(
                new double[] {0, 1, 1.0000001, 5, 9.9999, 10, -1, 11, Double.NaN}, 0, 10))
        .containsExactly(0, 0, 1, 4, 9, 9, 0, 9, -1);
    assertThat(Contingency.bins(new double[] {5, 6, Double.NaN}, 5, 5)).containsExactly(0, 0, -1);
    assertThat(Contingency.bins(new double[] {2.55, 2.05, 2.95}, 2, 3)).containsExactly(5, 0, 9);
  }
}
