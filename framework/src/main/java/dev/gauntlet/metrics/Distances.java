package dev.gauntlet.metrics;

/** Distances between two samples or two distributions, as scipy defines them. */
public final class Distances {
  private Distances() {}

  /**
   * The Wasserstein-1 (earth mover's) distance between the empirical distributions of two samples:
   * the integral of |F_a - F_b| (scipy's {@code wasserstein_distance}). NaN are dropped; NaN when a
   * side is empty.
   */
  public static double wasserstein(double[] a, double[] b) {
    double[] x = Samples.sorted(Samples.present(a));
    double[] y = Samples.sorted(Samples.present(b));
    if (x.length == 0 || y.length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    int i = 0;
    int j = 0;
    double previous = Math.min(x[0], y[0]);
    // Walk the merged order; between consecutive values both CDFs are constant.
    while (i < x.length || j < y.length) {
      double v = (j >= y.length || (i < x.length && x[i] <= y[j])) ? x[i] : y[j];
      double fx = (double) i / x.length;
      double fy = (double) j / y.length;
      sum += Math.abs(fx - fy) * (v - previous);
      while (i < x.length && x[i] == v) {
        i++;
      }
      while (j < y.length && y[j] == v) {
        j++;
      }
      previous = v;
    }
    return sum;
  }

  /** Total variation distance between two count vectors: half the L1 distance of proportions. */
  public static double totalVariation(long[] p, long[] q) {
    double[] a = proportions(p);
    double[] b = proportions(q);
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      s += Math.abs(a[k] - b[k]);
    }
    return 0.5 * s;
  }

  /**
   * The Jensen-Shannon distance in base 2 (the square root of the divergence, in [0, 1]), as
   * scipy's {@code jensenshannon(p, q, base=2)}.
   */
  public static double jensenShannon(long[] p, long[] q) {
    double[] a = proportions(p);
    double[] b = proportions(q);
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      double m = (a[k] + b[k]) / 2;
      s += relativeEntropy(a[k], m) + relativeEntropy(b[k], m);
    }
    return Math.sqrt(Math.max(0, s / 2 / Math.log(2)));
  }

  private static double relativeEntropy(double x, double y) {
    return x > 0 && y > 0 ? x * Math.log(x / y) : 0;
  }

  static double[] proportions(long[] counts) {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    double[] p = new double[counts.length];
    for (int k = 0; k < p.length; k++) {
      p[k] = (double) counts[k] / total;
    }
    return p;
  }
}
