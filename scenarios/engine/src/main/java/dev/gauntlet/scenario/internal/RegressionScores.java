package dev.gauntlet.scenario.internal;

import dev.gauntlet.metrics.RegressionMetrics;
import java.util.List;
import java.util.Set;

/**
 * The catalogue's regression metrics (numeric predictions against true numbers) of one set of rows,
 * and of bootstrap resamples: as {@link RegressionMetrics}, a resample being a count per row (a
 * drawn-twice row counts twice), so a resample's figure equals that of its rows written out.
 */
final class RegressionScores {
  /** Measured when a regression scenario lists no metrics. */
  static final List<String> DEFAULT = List.of("mae", "rmse", "r2");

  /** Every regression metric this class computes. */
  static final Set<String> SUPPORTED = Set.copyOf(DEFAULT);

  private final List<String> ids;
  private final double[] truth;
  private final double[] predicted;

  RegressionScores(List<String> ids, double[] truth, double[] predicted) {
    if (truth.length != predicted.length) {
      throw new IllegalArgumentException(
          truth.length + " true values for " + predicted.length + " predictions");
    }
    this.ids = ids;
    this.truth = truth;
    this.predicted = predicted;
  }

  /** The number of rows. */
  int rows() {
    return truth.length;
  }

  /** The metrics, in the order of the ids, of rows {@code rows} (null: all rows). */
  double[] compute(int[] rows) {
    double[] t = truth;
    double[] p = predicted;
    if (rows != null) {
      t = new double[rows.length];
      p = new double[rows.length];
      for (int i = 0; i < rows.length; i++) {
        t[i] = truth[rows[i]];
        p[i] = predicted[rows[i]];
      }
    }
    RegressionMetrics m = RegressionMetrics.of(t, p);
    double[] out = new double[ids.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = pick(ids.get(i), m.mae(), m.rmse(), m.r2());
    }
    return out;
  }

  /** The metrics, in the order of the ids, of the resample with these counts per row. */
  double[] of(int[] counts) {
    long total = 0;
    double sum = 0;
    for (int r = 0; r < counts.length; r++) {
      total += counts[r];
      sum += counts[r] * truth[r];
    }
    double[] out = new double[ids.size()];
    if (total == 0) {
      java.util.Arrays.fill(out, Double.NaN);
      return out;
    }
    double mean = sum / total;
    double abs = 0;
    double res = 0;
    double tot = 0;
    for (int r = 0; r < counts.length; r++) {
      int w = counts[r];
      if (w == 0) {
        continue;
      }
      double e = truth[r] - predicted[r];
      double d = truth[r] - mean;
      abs += w * Math.abs(e);
      res += w * e * e;
      tot += w * d * d;
    }
    double mae = abs / total;
    double rmse = Math.sqrt(res / total);
    double r2 = tot == 0 ? Double.NaN : 1 - res / tot;
    for (int i = 0; i < out.length; i++) {
      out[i] = pick(ids.get(i), mae, rmse, r2);
    }
    return out;
  }

  private static double pick(String id, double mae, double rmse, double r2) {
    return switch (id) {
      case "mae" -> mae;
      case "rmse" -> rmse;
      case "r2" -> r2;
      default -> throw new IllegalArgumentException("not a regression metric: " + id);
    };
  }
}
