package dev.gauntlet.metrics;

import java.util.HashMap;
import java.util.Map;

/**
 * SDMetrics' contingency similarity of a pair of columns: {@code 1 - TVD} between the real and
 * synthetic joint distributions of the two columns' values, over the rows where both are present.
 * Numeric columns enter as bin indices (see {@link #bins}).
 */
public final class Contingency {
  private Contingency() {}

  /**
   * @param realA real codes of the first column (-1 = missing)
   * @param realB real codes of the second column (-1 = missing)
   * @param synthA synthetic codes of the first column, in the same code space
   * @param synthB synthetic codes of the second column, in the same code space
   */
  public static double similarity(int[] realA, int[] realB, int[] synthA, int[] synthB) {
    long ka = 1L + Math.max(max(realA), max(synthA));
    long kb = 1L + Math.max(max(realB), max(synthB));
    if (ka * kb <= DENSE_CELLS) {
      return denseSimilarity(realA, realB, synthA, synthB, (int) kb, (int) (ka * kb));
    }
    Map<Long, Double> p = joint(realA, realB);
    Map<Long, Double> q = joint(synthA, synthB);
    if (p.isEmpty() || q.isEmpty()) {
      return Double.NaN;
    }
    double tvd = 0;
    for (Map.Entry<Long, Double> e : p.entrySet()) {
      tvd += Math.abs(e.getValue() - q.getOrDefault(e.getKey(), 0.0));
    }
    for (Map.Entry<Long, Double> e : q.entrySet()) {
      if (!p.containsKey(e.getKey())) {
        tvd += e.getValue();
      }
    }
    return 1 - tvd / 2;
  }

  /**
   * The contingency tables as count arrays when they have at most this many cells (bins and levels
   * usually give tens): a hash map of boxed keys spent most of compare's time on a million rows.
   */
  private static final long DENSE_CELLS = 1 << 20;

  private static double denseSimilarity(
      int[] realA, int[] realB, int[] synthA, int[] synthB, int kb, int cells) {
    long[] p = new long[cells];
    long[] q = new long[cells];
    long n = count(realA, realB, kb, p);
    long m = count(synthA, synthB, kb, q);
    if (n == 0 || m == 0) {
      return Double.NaN;
    }
    double tvd = 0;
    for (int c = 0; c < cells; c++) {
      tvd += Math.abs((double) p[c] / n - (double) q[c] / m);
    }
    return 1 - tvd / 2;
  }

  /** Adds the pairs where both codes are present to {@code counts}; returns how many. */
  private static long count(int[] a, int[] b, int kb, long[] counts) {
    long n = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i] >= 0 && b[i] >= 0) {
        counts[a[i] * kb + b[i]]++;
        n++;
      }
    }
    return n;
  }

  private static int max(int[] codes) {
    int max = -1;
    for (int c : codes) {
      max = Math.max(max, c);
    }
    return max;
  }

  private static Map<Long, Double> joint(int[] a, int[] b) {
    Map<Long, Double> counts = new HashMap<>();
    int n = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i] >= 0 && b[i] >= 0) {
        counts.merge(((long) a[i] << 32) | b[i], 1.0, Double::sum);
        n++;
      }
    }
    for (Map.Entry<Long, Double> e : counts.entrySet()) {
      e.setValue(e.getValue() / n);
    }
    return counts;
  }

  /**
   * Bin indices of numeric values for contingency tables, as SDMetrics discretizes: 10 equal-width
   * bins over the real column's range, the outer bins open-ended so synthetic values outside the
   * range fall in them. Missing values get -1.
   */
  public static int[] bins(double[] values, double realMin, double realMax) {
    int[] out = new int[values.length];
    double width = (realMax - realMin) / 10;
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (Double.isNaN(v)) {
        out[i] = -1;
      } else if (!(width > 0)) {
        out[i] = 0;
      } else {
        // right-closed bins (lo, hi] as pandas.cut, the first bin taking everything below
        int b = (int) Math.ceil((v - realMin) / width) - 1;
        out[i] = Math.max(0, Math.min(9, b));
      }
    }
    return out;
  }
}
