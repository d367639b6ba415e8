package dev.gauntlet.generators.perturb;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;

/** Small seeded sampling helpers. */
final class Sampling {
  private Sampling() {}

  /**
   * The weights scaled to a mean of 1, none above {@code cap} (at least 1): the rows over the cap
   * get the cap and the others share the rest in proportion to their weights. A row's weight is
   * then the number of copies it gets on average in a resample of the same size.
   */
  static double[] capped(double[] w, double cap) {
    if (!(cap >= 1)) {
      throw new IllegalArgumentException("cap is below 1: " + cap);
    }
    int n = w.length;
    double[] out = new double[n];
    boolean[] atCap = new boolean[n];
    int capped = 0;
    while (true) {
      double rest = 0;
      for (int i = 0; i < n; i++) {
        rest += atCap[i] ? 0 : w[i];
      }
      double scale = rest > 0 ? (n - capped * cap) / rest : 0;
      boolean moved = false;
      for (int i = 0; i < n; i++) {
        if (!atCap[i] && w[i] * scale > cap) {
          atCap[i] = true;
          capped++;
          moved = true;
        }
      }
      if (!moved) {
        for (int i = 0; i < n; i++) {
          out[i] = atCap[i] ? cap : w[i] * scale;
        }
        return out;
      }
    }
  }

  /**
   * A resample of the rows, the same size, in place: row {@code i} stays at its place with
   * probability {@code min(1, w[i] / mean(w))}, and is otherwise replaced by a row drawn in
   * proportion to how far its weight exceeds the mean. Each row's expected number of copies is
   * {@code w[i] / mean(w)}, as in weighted resampling with replacement, while as many rows as
   * possible keep their place: equal weights give every row back in order.
   */
  static int[] inPlace(double[] w, UniformRandomProvider rng) {
    int n = w.length;
    double mean = Arrays.stream(w).sum() / n;
    double[] cum = new double[n];
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += Math.max(0, w[i] / mean - 1);
      cum[i] = total;
    }
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      double keep = Math.min(1, w[i] / mean);
      rows[i] = i;
      if (total > 0 && rng.nextDouble() >= keep) {
        int j = Arrays.binarySearch(cum, rng.nextDouble() * total);
        j = j >= 0 ? j : -j - 1;
        // The first row whose cumulative excess passes the draw (ties skip rows of no excess).
        while (j < n - 1 && (j == 0 ? cum[0] : cum[j] - cum[j - 1]) <= 0) {
          j++;
        }
        rows[i] = Math.min(j, n - 1);
      }
    }
    return rows;
  }

  /** How many rows of an {@link #inPlace} resample are not at their own place. */
  static int replaced(int[] rows) {
    int n = 0;
    for (int i = 0; i < rows.length; i++) {
      n += rows[i] == i ? 0 : 1;
    }
    return n;
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
    return subsetOfSize(n, (int) Math.round(rate * n), rng);
  }

  /** A uniformly random subset of {@code k} distinct indices out of {@code n}, sorted. */
  static int[] subsetOfSize(int n, int k, UniformRandomProvider rng) {
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
