package dev.gauntlet.metrics;

import java.util.Arrays;

/** Quantiles of samples of doubles, as numpy computes them by default. */
public final class Quantiles {
  private Quantiles() {}

  /**
   * numpy's default quantile ("linear", R type 7) of a sorted, non-empty sample, with numpy's
   * interpolation arithmetic so that cut points agree to the bit.
   */
  public static double linear(double[] sorted, double q) {
    int n = sorted.length;
    if (n == 0) {
      throw new IllegalArgumentException("no values to take a quantile of");
    }
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("quantile is not within [0, 1]: " + q);
    }
    double virtual = (n - 1) * q;
    int lo = (int) Math.floor(virtual);
    double gamma = virtual - lo;
    if (lo >= n - 1) {
      return sorted[n - 1];
    }
    double a = sorted[lo];
    double b = sorted[lo + 1];
    double diff = b - a;
    return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
  }

  /**
   * The inner cut points of {@code bins} equal-frequency bins of a sample: its linear quantiles at
   * {@code 1/bins, 2/bins, ..., (bins-1)/bins}, NaN dropped, duplicates merged, ascending. With the
   * bins right-closed, {@code (-inf, c1], (c1, c2], ..., (cm, +inf)}, a value's bin is {@link
   * #bin}. Empty when the sample has no present values.
   */
  public static double[] cuts(double[] values, int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("number of bins is not positive: " + bins);
    }
    double[] sorted = Samples.sorted(Samples.present(values));
    if (sorted.length == 0) {
      return new double[0];
    }
    double[] cuts = new double[bins - 1];
    for (int k = 1; k < bins; k++) {
      cuts[k - 1] = linear(sorted, k / (double) bins);
    }
    return Arrays.stream(cuts).distinct().sorted().toArray();
  }

  /**
   * The right-closed bin of a present value among ascending cut points: 0 to {@code cuts.length}.
   */
  public static int bin(double[] cuts, double v) {
    return Samples.countBelow(cuts, v);
  }
}
