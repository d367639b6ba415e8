package dev.gauntlet.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SamplesTest {
  @Test
  void radixSortOrdersAsArraysSort() {
    long seed = 11;
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[100_003];
    for (int i = 0; i < x.length; i++) {
      x[i] =
          switch (i % 7) {
            case 0 -> rng.nextGaussian() * 1e-300;
            case 1 -> Math.rint(rng.nextGaussian() * 3); // ties, and 0.0 and -0.0
            case 2 -> -0.0;
            default -> rng.nextGaussian() * Math.pow(10, rng.nextInt(-20, 20));
          };
    }
    x[5] = Double.POSITIVE_INFINITY;
    x[6] = Double.NEGATIVE_INFINITY;
    x[8] = Double.MIN_VALUE;
    x[9] = -Double.MAX_VALUE;
    double[] expected = x.clone();
    Arrays.sort(expected);
    Samples.radixSort(x);
    assertThat(x).as("seed = %d", seed).isEqualTo(expected);
  }

  @Test
  void sortBothSortsLargeAndSmallArrays() {
    double[] big = new SplittableRandom(3).doubles(70_000).toArray();
    double[] small = {3, -1, 2};
    Samples.sortBoth(big, small);
    double[] expected = big.clone();
    Arrays.sort(expected);
    assertThat(big).isEqualTo(expected);
    assertThat(small).containsExactly(-1, 2, 3);
  }
}
