package dev.gauntlet.metrics;

import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.Column;
import dev.gauntlet.data.ColumnSpec;
import dev.gauntlet.data.ColumnType;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fidelity of a synthetic table to a real one: per-column figures, pair trends and the Fréchet
 * distance. Both tables must have the same columns with the same types (see {@code
 * Tables.alignTypes}); the real table's column order is used.
 *
 * @param rowsReal rows of the real table
 * @param rowsSynthetic rows of the synthetic table
 * @param columns per-column figures, in the real table's order
 * @param correlationSimilarity SDMetrics' correlation similarity over numeric column pairs
 * @param frechetDistance Fréchet distance on the raw numeric columns (rows with a missing value
 *     dropped on each side)
 * @param frechetDistanceStandardized the same after z-scoring both sides with the real columns'
 *     mean and standard deviation (ddof 1; a constant real column is only centred)
 * @param frechetDistanceEncoded the same on every column encoded by a {@code FeatureEncoder} fitted
 *     on the real table (categorical columns one-hot), see {@link Frechet#encoded}
 * @param contingencySimilarity SDMetrics' contingency similarity averaged over the column pairs
 *     with at least one categorical column (numeric ones binned, see {@link Contingency#bins})
 * @param qualityScore SDMetrics' quality score: the mean of the column-shape score (mean of each
 *     column's {@link ColumnFidelity#shapeScore()}) and the pair-trend score (mean over all column
 *     pairs of correlation or contingency similarity)
 */
public record Fidelity(
    int rowsReal,
    int rowsSynthetic,
    Map<String, ColumnFidelity> columns,
    double correlationSimilarity,
    double frechetDistance,
    double frechetDistanceStandardized,
    double frechetDistanceEncoded,
    double contingencySimilarity,
    double qualityScore) {

  public Fidelity {
    columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
  }

  /** Compares two tables with the same column names and types. */
  public static Fidelity compare(Table real, Table synthetic) {
    Map<String, ColumnFidelity> figures = new LinkedHashMap<>();
    List<String> numeric = new ArrayList<>();
    for (ColumnSpec spec : real.schema().columns()) {
      String name = spec.name();
      Column a = real.column(name);
      Column b = synthetic.column(name);
      if (a.type() != b.type()) {
        throw new IllegalArgumentException(
            "column \""
                + name
                + "\" is "
                + a.type().id()
                + " in one table and "
                + b.type().id()
                + " in the other");
      }
      if (spec.type() == ColumnType.NUMERIC) {
        numeric.add(name);
        figures.put(
            name, NumericFidelity.of(((NumericColumn) a).values(), ((NumericColumn) b).values()));
      } else {
        figures.put(
            name, CategoricalFidelity.of(text((CategoricalColumn) a), text((CategoricalColumn) b)));
      }
    }
    double[][] ra = columnsOf(real, numeric);
    double[][] sa = columnsOf(synthetic, numeric);
    PairTrends trends = pairTrends(real, synthetic);
    double shapes =
        figures.values().stream()
            .mapToDouble(ColumnFidelity::shapeScore)
            .filter(Double::isFinite)
            .average()
            .orElse(Double.NaN);
    double quality =
        Double.isNaN(trends.all())
            ? shapes
            : Double.isNaN(shapes) ? trends.all() : (shapes + trends.all()) / 2;
    return new Fidelity(
        real.rowCount(),
        synthetic.rowCount(),
        figures,
        trends.correlation(),
        frechet(ra, sa, false),
        frechet(ra, sa, true),
        real.columnCount() == 0 ? Double.NaN : Frechet.encoded(real, synthetic),
        trends.contingency(),
        quality);
  }

  /**
   * Mean correlation similarity over numeric pairs, mean contingency similarity over pairs with a
   * categorical column, and the mean over all pairs.
   */
  private record PairTrends(
      double correlation, double contingency, double all, double[][] scores) {}

  /**
   * Each column pair's trend score (correlation similarity for two numeric columns, contingency
   * similarity otherwise; NaN where undefined), in the real table's column order: a symmetric
   * matrix with NaN on the diagonal. The pair-trend score is the mean of its finite entries above
   * the diagonal.
   */
  public static double[][] pairTrendScores(Table real, Table synthetic) {
    return pairTrends(real, synthetic).scores();
  }

  private static PairTrends pairTrends(Table real, Table synthetic) {
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
    double correlationSum = 0;
    int correlationPairs = 0;
    double contingencySum = 0;
    int contingencyPairs = 0;
    double allSum = 0;
    int allPairs = 0;
    for (int i = 0; i < k; i++) {
      for (int j = i + 1; j < k; j++) {
        double score;
        if (numeric[i] && numeric[j]) {
          double a =
              Correlations.pearson(
                  real.numeric(real.schema().get(i).name()).values(),
                  real.numeric(real.schema().get(j).name()).values());
          double b =
              Correlations.pearson(
                  synthetic.numeric(real.schema().get(i).name()).values(),
                  synthetic.numeric(real.schema().get(j).name()).values());
          score = Double.isFinite(a) && Double.isFinite(b) ? 1 - Math.abs(a - b) / 2 : Double.NaN;
          if (Double.isFinite(score)) {
            correlationSum += score;
            correlationPairs++;
          }
        } else {
          score = Contingency.similarity(realCodes[i], realCodes[j], synthCodes[i], synthCodes[j]);
          if (Double.isFinite(score)) {
            contingencySum += score;
            contingencyPairs++;
          }
        }
        scores[i][j] = score;
        scores[j][i] = score;
        if (Double.isFinite(score)) {
          allSum += score;
          allPairs++;
        }
      }
    }
    return new PairTrends(
        correlationPairs == 0 ? Double.NaN : correlationSum / correlationPairs,
        contingencyPairs == 0 ? Double.NaN : contingencySum / contingencyPairs,
        allPairs == 0 ? Double.NaN : allSum / allPairs,
        scores);
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
    return java.util.Arrays.copyOf(out, rows * k);
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
