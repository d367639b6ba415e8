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
}
