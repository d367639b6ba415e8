package dev.gauntlet.metrics;

import java.util.HashMap;
import java.util.Map;

/**
 * Contingency similarity of a pair of columns: {@code 1 - TVD} between the real and synthetic joint
 * distributions of the two columns' codes. {@link #similarity} is Gauntlet's shared-bins variant
 * (rows where both are present; numeric columns binned over the real range, see {@link #bins});
 * {@link QualityReport} uses SDMetrics' own definition (package-private {@code pair}).
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
   * SDMetrics' ContingencySimilarity as its QualityReport computes it, with the Cramér's V of the
   * real table that decides whether the pair counts. Every row counts: a missing value must already
   * be a code of its own (codes are all {@code >= 0}), and frequencies are over all rows.
   *
   * @param realA real codes of the first column
   * @param realB real codes of the second column
   * @param synthA synthetic codes of the first column, in the same code space
   * @param synthB synthetic codes of the second column, in the same code space
   * @param ka the first column's codes are below this
   * @param kb the second column's codes are below this
   */
  static Pair pair(int[] realA, int[] realB, int[] synthA, int[] synthB, int ka, int kb) {
    int n = realA.length;
    int m = synthA.length;
    if (n == 0 || m == 0) {
      return new Pair(Double.NaN, Double.NaN);
    }
    long[] rowSums = new long[ka];
    long[] colSums = new long[kb];
    for (int i = 0; i < n; i++) {
      rowSums[realA[i]]++;
      colSums[realB[i]]++;
    }
    int rows = 0;
    for (long r : rowSums) {
      rows += r > 0 ? 1 : 0;
    }
    int cols = 0;
    for (long c : colSums) {
      cols += c > 0 ? 1 : 0;
    }
    double tvd = 0;
    double chi2 = 0;
    if ((long) ka * kb <= DENSE_CELLS) {
      long[] p = new long[ka * kb];
      long[] q = new long[ka * kb];
      count(realA, realB, kb, p);
      count(synthA, synthB, kb, q);
      for (int c = 0; c < p.length; c++) {
        tvd += Math.abs((double) p[c] / n - (double) q[c] / m);
      }
      for (int a = 0; a < ka; a++) {
        if (rowSums[a] == 0) {
          continue;
        }
        for (int b = 0; b < kb; b++) {
          if (colSums[b] > 0) {
            double expected = (double) rowSums[a] * colSums[b] / n;
            double d = p[a * kb + b] - expected;
            chi2 += d * d / expected;
          }
        }
      }
    } else {
      Map<Long, long[]> cells = new HashMap<>();
      for (int i = 0; i < n; i++) {
        cells.computeIfAbsent(((long) realA[i] << 32) | realB[i], c -> new long[2])[0]++;
      }
      for (int i = 0; i < m; i++) {
        cells.computeIfAbsent(((long) synthA[i] << 32) | synthB[i], c -> new long[2])[1]++;
      }
      // an empty cell adds (0 - E)^2 / E = E to chi2, and all expected counts sum to n
      double expectedOfFilled = 0;
      for (Map.Entry<Long, long[]> e : cells.entrySet()) {
        long[] pq = e.getValue();
        tvd += Math.abs((double) pq[0] / n - (double) pq[1] / m);
        if (pq[0] > 0) {
          long key = e.getKey();
          double expected = (double) rowSums[(int) (key >>> 32)] * colSums[(int) key] / n;
          double d = pq[0] - expected;
          chi2 += d * d / expected;
          expectedOfFilled += expected;
        }
      }
      chi2 += Math.max(0, n - expectedOfFilled);
    }
    double cramersV =
        rows < 2 || cols < 2 ? Double.NaN : Math.sqrt(chi2 / n / Math.min(rows - 1, cols - 1));
    return new Pair(1 - tvd / 2, cramersV);
  }

  /**
   * @param similarity 1 - total variation distance between the joint frequencies
   * @param realCramersV Cramér's V of the real contingency table (no continuity correction); NaN
   *     when that table is not at least 2 x 2
   */
  record Pair(double similarity, double realCramersV) {}

  /**
   * Bin codes of a numeric column as SDMetrics' QualityReport makes them for a pair with a
   * categorical column: {@code np.digitize(x, np.histogram_bin_edges(present x))}, 10 equal-width
   * bins over this column's own range (so real and synthetic columns get different edges),
   * left-closed: code i (1 to 10) for edges[i - 1] <= x < edges[i], and 11 for the maximum and for
   * a missing value alike. Null when the range is not finite (numpy refuses it).
   */
  static int[] ownRangeBins(double[] values) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    boolean any = false;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        any = true;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (!any) {
      lo = 0;
      hi = 1;
    } else if (lo == hi) {
      lo -= 0.5;
      hi += 0.5;
    }
    if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
      return null;
    }
    double[] edges = linspace11(lo, hi);
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      int code = 0;
      if (Double.isNaN(v)) {
        code = edges.length; // numpy sorts NaN last
      } else {
        while (code < edges.length && edges[code] <= v) {
          code++;
        }
      }
      out[i] = code;
    }
    return out;
  }

  /** {@code np.linspace(lo, hi, 11)}, computed as numpy does (the last edge set to hi). */
  private static double[] linspace11(double lo, double hi) {
    double[] edges = new double[11];
    double delta = hi - lo;
    double step = delta / 10;
    for (int i = 0; i < 10; i++) {
      edges[i] = step == 0 ? i / 10.0 * delta + lo : i * step + lo;
    }
    edges[10] = hi;
    return edges;
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
   * Bin indices of numeric values for Gauntlet's shared-bins contingency tables (not SDMetrics'
   * binning, see {@link QualityReport}): 10 equal-width bins over the real column's range, the
   * outer bins open-ended so synthetic values outside the range fall in them. Missing values get
   * -1.
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
