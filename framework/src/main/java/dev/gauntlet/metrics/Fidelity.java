package dev.gauntlet.metrics;

import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.Column;
import dev.gauntlet.data.ColumnSpec;
import dev.gauntlet.data.ColumnType;
import dev.gauntlet.data.IdColumns;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fidelity of a synthetic table to a real one: per-column figures, SDMetrics' quality report
 * and the Fréchet distance. Both tables must have the same columns, each numeric (a {@link
 * NumericColumn}, numbers or dates) in both or in neither (see {@code Tables.alignTypes}); the real
 * table's column order is used.
 *
 * @param rowsReal rows of the real table
 * @param rowsSynthetic rows of the synthetic table
 * @param columns per-column figures, in the real table's order
 * @param quality SDMetrics' QualityReport (version 0.29): the quality score, Column Shapes, Column
 *     Pair Trends, and every pair's score
 * @param frechetDistance Fréchet distance on the raw numeric columns (rows with a missing value
 *     dropped on each side)
 * @param frechetDistanceStandardized the same after z-scoring both sides with the real columns'
 *     mean and standard deviation (ddof 1; a constant real column is only centred)
 * @param frechetDistanceEncoded the same on every column encoded by a {@code FeatureEncoder} fitted
 *     on the real table (categorical columns one-hot), see {@link Frechet#encoded}
 * @param contingencySimilaritySharedBins Gauntlet's own variant of contingency similarity, not
 *     SDMetrics': the mean over the pairs with a categorical column of 1 - TVD of the joint
 *     distributions, numeric columns in 10 equal-width bins over the real column's range shared by
 *     both tables (see {@link Contingency#bins}), rows with a missing value in the pair left out.
 *     Shared bins see a shifted numeric column that SDMetrics' own-range bins hide.
 */
public record Fidelity(
    int rowsReal,
    int rowsSynthetic,
    Map<String, ColumnFidelity> columns,
    QualityReport quality,
    double frechetDistance,
    double frechetDistanceStandardized,
    double frechetDistanceEncoded,
    double contingencySimilaritySharedBins) {

  public Fidelity {
    columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
  }

  /** SDMetrics' quality score, {@link QualityReport#score()}. */
  public double qualityScore() {
    return quality.score();
  }

  /** SDMetrics' CorrelationSimilarity averaged over every pair of numeric columns. */
  public double correlationSimilarity() {
    return quality.correlationSimilarity();
  }

  /**
   * SDMetrics' ContingencySimilarity, as its quality report computes it, averaged over every pair
   * with a categorical column.
   */
  public double contingencySimilarity() {
    return quality.contingencySimilarity();
  }

  /** Compares two tables with the same column names, each numeric in both or in neither. */
  public static Fidelity compare(Table real, Table synthetic) {
    // id columns (role ID in either table) are no data: SDMetrics leaves out sdtype id
    Table realData = IdColumns.withoutIds(real, synthetic);
    synthetic = IdColumns.withoutIds(synthetic, real);
    real = realData;
    Map<String, ColumnFidelity> figures = new LinkedHashMap<>();
    Map<String, QualityReport.ColumnShape> shapes = new LinkedHashMap<>();
    List<String> numeric = new ArrayList<>();
    for (ColumnSpec spec : real.schema().columns()) {
      String name = spec.name();
      Column a = real.column(name);
      Column b = synthetic.column(name);
      if (a instanceof NumericColumn != b instanceof NumericColumn) {
        throw new IllegalArgumentException(
            "column \""
                + name
                + "\" is "
                + a.type().id()
                + " in one table and "
                + b.type().id()
                + " in the other");
      }
      if (a instanceof NumericColumn na) {
        // dates are numbers too (SDMetrics compares datetimes as numbers), but not in Frechet
        if (spec.type() == ColumnType.NUMERIC) {
          numeric.add(name);
        }
        NumericFidelity f = NumericFidelity.of(na.values(), ((NumericColumn) b).values());
        figures.put(name, f);
        shapes.put(
            name,
            new QualityReport.ColumnShape(QualityReport.ShapeMetric.KS_COMPLEMENT, f.shapeScore()));
      } else {
        CategoricalFidelity f =
            CategoricalFidelity.of(text((CategoricalColumn) a), text((CategoricalColumn) b));
        figures.put(name, f);
        shapes.put(
            name,
            new QualityReport.ColumnShape(QualityReport.ShapeMetric.TV_COMPLEMENT, f.shapeScore()));
      }
    }
    double[][] ra = columnsOf(real, numeric);
    double[][] sa = columnsOf(synthetic, numeric);
    return new Fidelity(
        real.rowCount(),
        synthetic.rowCount(),
        figures,
        QualityReport.of(real, synthetic, shapes),
        frechet(ra, sa, false),
        frechet(ra, sa, true),
        real.columnCount() == 0 ? Double.NaN : Frechet.encoded(real, synthetic),
        sharedBinsContingency(real, synthetic));
  }

  /**
   * Each pair's trend score (SDMetrics' CorrelationSimilarity or ContingencySimilarity, whether or
   * not the pair meets the threshold; NaN where undefined or where a column takes no part, such as
   * an id), as a symmetric matrix over {@code names} with NaN on the diagonal.
   */
  public double[][] pairTrendScores(java.util.List<String> names) {
    int n = names.size();
    double[][] scores = new double[n][n];
    for (double[] row : scores) {
      java.util.Arrays.fill(row, Double.NaN);
    }
    for (QualityReport.PairTrend p : quality.pairs()) {
      int i = names.indexOf(p.first());
      int j = names.indexOf(p.second());
      if (i >= 0 && j >= 0) {
        scores[i][j] = p.score();
        scores[j][i] = p.score();
      }
    }
    return scores;
  }

  /** See {@link #contingencySimilaritySharedBins()}. */
  private static double sharedBinsContingency(Table real, Table synthetic) {
    int k = real.columnCount();
    int[][] realCodes = new int[k][];
    int[][] synthCodes = new int[k][];
    boolean[] numeric = new boolean[k];
    double[][] scores = new double[k][k];
    for (double[] row : scores) {
      java.util.Arrays.fill(row, Double.NaN);
    }
    for (int j = 0; j < k; j++) {
      String name = real.schema().get(j).name();
      Column a = real.column(j);
      Column b = synthetic.column(name);
      if (a instanceof NumericColumn na) {
        numeric[j] = true;
        double[] v = na.values();
        double lo = java.util.Arrays.stream(v).filter(x -> !Double.isNaN(x)).min().orElse(0);
        double hi = java.util.Arrays.stream(v).filter(x -> !Double.isNaN(x)).max().orElse(0);
        realCodes[j] = Contingency.bins(v, lo, hi);
        synthCodes[j] = Contingency.bins(((NumericColumn) b).values(), lo, hi);
      } else {
        CategoricalColumn ca = (CategoricalColumn) a;
        synthCodes[j] = ((CategoricalColumn) b).recode(union(ca, (CategoricalColumn) b)).codes();
        realCodes[j] = ca.recode(union(ca, (CategoricalColumn) b)).codes();
      }
    }
    double sum = 0;
    int pairs = 0;
    for (int i = 0; i < k; i++) {
      for (int j = i + 1; j < k; j++) {
        if (!(numeric[i] && numeric[j])) {
          double score =
              Contingency.similarity(realCodes[i], realCodes[j], synthCodes[i], synthCodes[j]);
          if (Double.isFinite(score)) {
            sum += score;
            pairs++;
          }
        }
      }
    }
    return pairs == 0 ? Double.NaN : sum / pairs;
  }

  private static List<String> union(CategoricalColumn a, CategoricalColumn b) {
    java.util.LinkedHashSet<String> levels = new java.util.LinkedHashSet<>(a.levels());
    levels.addAll(b.levels());
    return List.copyOf(levels);
  }

  private static double frechet(double[][] real, double[][] synthetic, boolean standardize) {
    int k = real.length;
    if (k == 0) {
      return Double.NaN;
    }
    double[] a = completeRows(real);
    double[] b = completeRows(synthetic);
    int na = a.length / k;
    int nb = b.length / k;
    if (standardize && na > 1) {
      double[] mu = Frechet.mean(a, na, k);
      double[] sd = new double[k];
      for (int r = 0; r < na; r++) {
        for (int j = 0; j < k; j++) {
          double d = a[r * k + j] - mu[j];
          sd[j] += d * d;
        }
      }
      for (int j = 0; j < k; j++) {
        sd[j] = Math.sqrt(sd[j] / (na - 1));
        if (!(sd[j] > 0)) {
          sd[j] = 1;
        }
      }
      zscore(a, k, mu, sd);
      zscore(b, k, mu, sd);
    }
    return Frechet.distance(a, na, b, nb, k);
  }

  private static void zscore(double[] x, int k, double[] mu, double[] sd) {
    for (int i = 0; i < x.length; i++) {
      int j = i % k;
      x[i] = (x[i] - mu[j]) / sd[j];
    }
  }

  /** Row-major values of the rows where every column is present. */
  private static double[] completeRows(double[][] columns) {
    int k = columns.length;
    int n = columns[0].length;
    double[] out = new double[n * k];
    int rows = 0;
    for (int r = 0; r < n; r++) {
      boolean complete = true;
      for (double[] c : columns) {
        if (Double.isNaN(c[r])) {
          complete = false;
          break;
        }
      }
      if (complete) {
        for (int j = 0; j < k; j++) {
          out[rows * k + j] = columns[j][r];
        }
        rows++;
      }
    }
    // no copy when every row is complete: on a million rows the copy is another full matrix
    return rows == n ? out : java.util.Arrays.copyOf(out, rows * k);
  }

  private static double[][] columnsOf(Table t, List<String> names) {
    double[][] out = new double[names.size()][];
    for (int j = 0; j < names.size(); j++) {
      out[j] = t.numeric(names.get(j)).values();
    }
    return out;
  }

  private static String[] text(CategoricalColumn c) {
    String[] out = new String[c.size()];
    for (int r = 0; r < out.length; r++) {
      out[r] = c.level(r);
    }
    return out;
  }
}
