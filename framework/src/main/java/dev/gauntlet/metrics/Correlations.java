package dev.gauntlet.metrics;

/** Pearson correlations with pairwise-complete rows, as pandas' {@code DataFrame.corr()}. */
public final class Correlations {
  private Correlations() {}

  /**
   * The correlation of two columns over the rows where both are present; NaN when fewer than two
   * such rows or when either is constant there.
   */
  public static double pearson(double[] x, double[] y) {
    int n = 0;
    double sx = 0;
    double sy = 0;
    for (int i = 0; i < x.length; i++) {
      if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
        n++;
        sx += x[i];
        sy += y[i];
      }
    }
    if (n < 2) {
      return Double.NaN;
    }
    double mx = sx / n;
    double my = sy / n;
    double sxx = 0;
    double syy = 0;
    double sxy = 0;
    for (int i = 0; i < x.length; i++) {
      if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
        double dx = x[i] - mx;
        double dy = y[i] - my;
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
      }
    }
    double d = Math.sqrt(sxx * syy);
    return d == 0 ? Double.NaN : sxy / d;
  }

  /** The correlation matrix of columns (each a {@code double[]} with NaN for missing). */
  public static double[][] matrix(double[][] columns) {
    int k = columns.length;
    double[][] r = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = i; j < k; j++) {
        double v = pearson(columns[i], columns[j]);
        r[i][j] = v;
        r[j][i] = v;
      }
    }
    return r;
  }

  /**
   * SDMetrics' correlation similarity: {@code 1 - |r_real - r_synth| / 2} per pair of columns,
   * averaged over the pairs whose two correlations are both defined; NaN when no pair is.
   */
  public static double similarity(double[][] real, double[][] synthetic) {
    int k = real.length;
    double sum = 0;
    int pairs = 0;
    for (int i = 0; i < k; i++) {
      for (int j = i + 1; j < k; j++) {
        double a = pearson(real[i], real[j]);
        double b = pearson(synthetic[i], synthetic[j]);
        if (Double.isFinite(a) && Double.isFinite(b)) {
          sum += 1 - Math.abs(a - b) / 2;
          pairs++;
        }
      }
    }
    return pairs == 0 ? Double.NaN : sum / pairs;
  }
}
