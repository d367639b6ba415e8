package dev.gauntlet.generators.perturb;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;

/** Small seeded sampling helpers. */
final class Sampling {
  private Sampling() {}

  /** {@code n} row indices drawn with replacement, in proportion to the weights. */
  static int[] weighted(double[] w, int n, UniformRandomProvider rng) {
    double[] cum = new double[w.length];
    double total = 0;
    for (int i = 0; i < w.length; i++) {
      total += w[i];
      cum[i] = total;
    }
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      double u = rng.nextDouble() * total;
      int j = Arrays.binarySearch(cum, u);
      j = j >= 0 ? j : -j - 1;
      out[i] = Math.min(j, w.length - 1);
    }
    return out;
  }

  /** Integer counts summing to {@code n}, proportional to the shares (largest remainders). */
  static int[] apportion(double[] share, int n) {
    double sum = Arrays.stream(share).sum();
    int[] out = new int[share.length];
    double[] rest = new double[share.length];
    int given = 0;
    for (int i = 0; i < share.length; i++) {
      double exact = sum > 0 ? share[i] / sum * n : 0;
      out[i] = (int) Math.floor(exact);
      rest[i] = exact - out[i];
      given += out[i];
    }
    while (given < n && sum > 0) {
      int best = 0;
      for (int i = 1; i < rest.length; i++) {
        if (rest[i] > rest[best]) {
          best = i;
        }
      }
      out[best]++;
      rest[best] = -1;
      given++;
    }
    return out;
  }

  /** A uniformly random subset of {@code round(rate * n)} distinct indices out of {@code n}. */
  static int[] subset(int n, double rate, UniformRandomProvider rng) {
    int k = (int) Math.round(rate * n);
    int[] perm = PermutationSampler.natural(n);
    PermutationSampler.shuffle(rng, perm);
    int[] out = Arrays.copyOf(perm, k);
    Arrays.sort(out);
    return out;
  }

  /** The given indices (of candidates) chosen at a share, uniformly. */
  static int[] subsetOf(int[] candidates, double rate, UniformRandomProvider rng) {
    int[] pick = subset(candidates.length, rate, rng);
    int[] out = new int[pick.length];
    for (int i = 0; i < pick.length; i++) {
      out[i] = candidates[pick[i]];
    }
    Arrays.sort(out);
    return out;
  }
}
