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
 */
public record Fidelity(
    int rowsReal,
    int rowsSynthetic,
    Map<String, ColumnFidelity> columns,
    double correlationSimilarity,
    double frechetDistance,
    double frechetDistanceStandardized) {

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
    return new Fidelity(
        real.rowCount(),
        synthetic.rowCount(),
        figures,
        numeric.size() < 2 ? Double.NaN : Correlations.similarity(ra, sa),
        frechet(ra, sa, false),
        frechet(ra, sa, true));
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
