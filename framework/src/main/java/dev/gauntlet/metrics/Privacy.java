package dev.gauntlet.metrics;

import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.Column;
import dev.gauntlet.data.ColumnSpec;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;

/**
 * How close synthetic rows come to real ones. The distance between two rows is SDMetrics' mean cell
 * distance: numeric {@code |a - b| / (real max - real min)} capped at 1, categorical 0 when equal
 * and 1 otherwise; a missing cell is 0 from another missing cell and 1 from any value.
 *
 * @param realRows real rows compared (after subsampling)
 * @param syntheticRows synthetic rows compared (after subsampling)
 * @param dcrMedian the median over synthetic rows of the distance to the closest real row
 * @param dcrBaselineMedian the same for rows drawn uniformly within the real columns' ranges and
 *     levels, as many as the synthetic rows
 * @param dcrBaselineProtection SDMetrics' DCRBaselineProtection: {@code min(1, dcrMedian /
 *     dcrBaselineMedian)}; 1 means synthetic rows are no closer to real ones than random rows
 * @param exactCopyShare the share of all synthetic rows that equal a real row in every column
 *     (computed on the full tables, not the subsample)
 */
public record Privacy(
    int realRows,
    int syntheticRows,
    double dcrMedian,
    double dcrBaselineMedian,
    double dcrBaselineProtection,
    double exactCopyShare) {

  /**
   * Compares synthetic rows with real ones, on seeded subsamples of at most {@code maxRows} rows a
   * side for the distances (they cost real rows x synthetic rows).
   */
  public static Privacy of(Table real, Table synthetic, int maxRows, Seed seed) {
    double copies = exactCopyShare(real, synthetic);
    Table r = subsample(real, maxRows, seed.derive("privacy-real"));
    Table s = subsample(synthetic, maxRows, seed.derive("privacy-synthetic"));
    Encoded enc = Encoded.of(r, s);
    double[] dcr = enc.closest(enc.synthetic);
    double[] baseline = enc.closest(enc.randomRows(s.rowCount(), seed.derive("privacy-baseline")));
    double median = median(dcr);
    double baseMedian = median(baseline);
    double protection = baseMedian > 0 ? Math.min(1, median / baseMedian) : Double.NaN;
    return new Privacy(r.rowCount(), s.rowCount(), median, baseMedian, protection, copies);
  }

  /** A seeded subsample of at most {@code max} rows, in the original row order. */
  public static Table subsample(Table t, int max, Seed seed) {
    if (t.rowCount() <= max) {
      return t;
    }
    int[] rows = PermutationSampler.natural(t.rowCount());
    PermutationSampler.shuffle(seed.rng(), rows);
    int[] keep = Arrays.copyOf(rows, max);
    Arrays.sort(keep);
    return t.take(keep);
  }

  static double exactCopyShare(Table real, Table synthetic) {
    if (synthetic.rowCount() == 0) {
      return Double.NaN;
    }
    Set<String> seen = new HashSet<>();
    for (int r = 0; r < real.rowCount(); r++) {
      seen.add(rowText(real, r));
    }
    int copies = 0;
    for (int r = 0; r < synthetic.rowCount(); r++) {
      copies += seen.contains(rowText(synthetic, r)) ? 1 : 0;
    }
    return (double) copies / synthetic.rowCount();
  }

  private static String rowText(Table t, int r) {
    StringBuilder b = new StringBuilder();
    for (Column c : t.columns()) {
      b.append(c.format(r)).append('\u0001');
    }
    return b.toString();
  }

  private static double median(double[] x) {
    if (x.length == 0) {
      return Double.NaN;
    }
    double[] s = x.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /**
   * Rows as arrays: numeric cells scaled by the real range (NaN = missing), categorical cells as
   * codes in one dictionary shared by both tables (-1 = missing).
   */
  private record Encoded(
      boolean[] numeric,
      double[] min,
      double[] range,
      List<String>[] levels,
      double[][] real,
      double[][] synthetic) {

    @SuppressWarnings("unchecked")
    static Encoded of(Table real, Table synthetic) {
      int k = real.columnCount();
      boolean[] numeric = new boolean[k];
      double[] min = new double[k];
      double[] range = new double[k];
      List<String>[] levels = new List[k];
      Map<String, Integer>[] index = new Map[k];
      for (int j = 0; j < k; j++) {
        ColumnSpec spec = real.schema().get(j);
        Column c = real.column(j);
        if (c instanceof NumericColumn n) {
          numeric[j] = true;
          double lo = Double.POSITIVE_INFINITY;
          double hi = Double.NEGATIVE_INFINITY;
          for (int r = 0; r < n.size(); r++) {
            double v = n.get(r);
            if (!Double.isNaN(v)) {
              lo = Math.min(lo, v);
              hi = Math.max(hi, v);
            }
          }
          min[j] = lo;
          range[j] = hi - lo;
        } else {
          List<String> lv = new java.util.ArrayList<>(((CategoricalColumn) c).levels());
          for (String extra : ((CategoricalColumn) synthetic.column(spec.name())).levels()) {
            if (!lv.contains(extra)) {
              lv.add(extra);
            }
          }
          levels[j] = lv;
          index[j] = new HashMap<>();
          for (int i = 0; i < lv.size(); i++) {
            index[j].put(lv.get(i), i);
          }
        }
      }
      return new Encoded(
          numeric,
          min,
          range,
          levels,
          rows(real, numeric, index),
          rows(synthetic.select(real.schema().names()), numeric, index));
    }

    private static double[][] rows(Table t, boolean[] numeric, Map<String, Integer>[] index) {
      int k = t.columnCount();
      double[][] out = new double[t.rowCount()][k];
      for (int j = 0; j < k; j++) {
        Column c = t.column(j);
        for (int r = 0; r < t.rowCount(); r++) {
          if (numeric[j]) {
            out[r][j] = ((NumericColumn) c).get(r);
          } else {
            String level = ((CategoricalColumn) c).level(r);
            out[r][j] = level == null ? -1 : index[j].get(level);
          }
        }
      }
      return out;
    }

    /** Rows drawn uniformly within each real column's range or levels; no missing values. */
    double[][] randomRows(int n, Seed seed) {
      UniformRandomProvider rng = seed.rng();
      int k = numeric.length;
      double[][] out = new double[n][k];
      for (int r = 0; r < n; r++) {
        for (int j = 0; j < k; j++) {
          if (numeric[j]) {
            out[r][j] = Double.isFinite(range[j]) ? min[j] + rng.nextDouble() * range[j] : 0;
          } else {
            out[r][j] = levels[j].isEmpty() ? -1 : rng.nextInt(levels[j].size());
          }
        }
      }
      return out;
    }

    /** For each query row, the distance to the closest real row. */
    double[] closest(double[][] queries) {
      int k = numeric.length;
      return IntStream.range(0, queries.length)
          .parallel()
          .mapToDouble(
              q -> {
                double[] x = queries[q];
                double best = Double.POSITIVE_INFINITY;
                for (double[] y : real) {
                  double d = 0;
                  for (int j = 0; j < k && d < best * k; j++) {
                    d += cell(j, x[j], y[j]);
                  }
                  best = Math.min(best, d / k);
                }
                return best;
              })
          .toArray();
    }

    private double cell(int j, double a, double b) {
      if (numeric[j]) {
        boolean ma = Double.isNaN(a);
        boolean mb = Double.isNaN(b);
        if (ma || mb) {
          return ma && mb ? 0 : 1;
        }
        if (!(range[j] > 0)) {
          return a == b ? 0 : 1;
        }
        return Math.min(1, Math.abs(a - b) / range[j]);
      }
      return a == b ? 0 : 1;
    }
  }
}
