package dev.gauntlet.metrics;

/**
 * Errors of numeric predictions, as scikit-learn defines them.
 *
 * @param n rows
 * @param mae mean absolute error
 * @param rmse root mean squared error
 * @param r2 coefficient of determination, {@code 1 - SS_res / SS_tot}; NaN when the truth is
 *     constant (scikit-learn then returns 1.0 for a perfect fit and 0.0 otherwise)
 */
public record RegressionMetrics(int n, double mae, double rmse, double r2) {

  public static RegressionMetrics of(double[] truth, double[] predicted) {
    if (truth.length != predicted.length) {
      throw new IllegalArgumentException(
          truth.length + " true values for " + predicted.length + " predictions");
    }
    int n = truth.length;
    if (n == 0) {
      return new RegressionMetrics(0, Double.NaN, Double.NaN, Double.NaN);
    }
    double mean = Samples.mean(truth);
    double abs = 0;
    double res = 0;
    double tot = 0;
    for (int i = 0; i < n; i++) {
      double e = truth[i] - predicted[i];
      abs += Math.abs(e);
      res += e * e;
      tot += (truth[i] - mean) * (truth[i] - mean);
    }
    return new RegressionMetrics(
        n, abs / n, Math.sqrt(res / n), tot == 0 ? Double.NaN : 1 - res / tot);
  }
}
