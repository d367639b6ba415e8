package dev.gauntlet.scenario.internal;

import dev.gauntlet.expectations.Measurement;
import dev.gauntlet.random.Seed;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Percentile bootstrap intervals. Resample {@code b} of {@code n} rows draws {@code n} row indices
 * with replacement from one stream, in order, and is kept as each row's count; the interval's ends
 * are the type-7 quantiles (numpy's default) at {@code (1 - confidence) / 2} and {@code 1 - (1 -
 * confidence) / 2} of the resampled figures that are defined (NaN ones, such as ROC AUC of a
 * one-class resample, are left out).
 */
final class Bootstrap {
  private Bootstrap() {}

  /**
   * {@code resamples} resamples of {@code n} rows from the seed's stream, each as the number of
   * times each row was drawn.
   */
  static int[][] counts(int n, int resamples, Seed seed) {
    UniformRandomProvider rng = seed.rng();
    int[][] out = new int[resamples][n];
    for (int b = 0; b < resamples; b++) {
      for (int i = 0; i < n; i++) {
        out[b][rng.nextInt(n)]++;
      }
    }
    return out;
  }

  /** The value with the percentile interval of its resampled figures (none: no interval). */
  static Measurement interval(double value, double[] resampled, double confidence) {
    double[] defined = new double[resampled.length];
    int n = 0;
    for (double v : resampled) {
      if (!Double.isNaN(v)) {
        defined[n++] = v;
      }
    }
    if (n == 0) {
      return Measurement.of(value);
    }
    Arrays.sort(defined, 0, n);
    double alpha = (1 - confidence) / 2;
    return Measurement.of(value, quantile(defined, n, alpha), quantile(defined, n, 1 - alpha));
  }

  /** The type-7 quantile of the first {@code n} values of {@code sorted}. */
  static double quantile(double[] sorted, int n, double q) {
    double pos = q * (n - 1);
    int i = (int) Math.floor(pos);
    int j = Math.min(n - 1, i + 1);
    return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
  }
}
