package dev.gauntlet.metrics;

import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.ColumnSpec;
import dev.gauntlet.data.FeatureEncoder;
import dev.gauntlet.data.FeatureMatrix;
import dev.gauntlet.data.Table;
import java.util.List;

/**
 * Rows as flat feature vectors for the sample-based figures ({@link Prdc}, {@link Mmd}, {@link
 * Detection}), and the Euclidean distance between them.
 */
final class FeatureRows {
  private FeatureRows() {}

  /** The columns the figures compare: the real table's columns except those with role ID. */
  static List<String> comparedColumns(Table real) {
    return real.schema().columns().stream()
        .filter(c -> c.role() != ColumnRole.ID)
        .map(ColumnSpec::name)
        .toList();
  }

  /**
   * Real and synthetic rows encoded by a {@link FeatureEncoder} fitted on the real table's compared
   * columns: numeric standardized by the real mean and population standard deviation, categorical
   * one-hot on the real levels, missing-value indicators where the real column has missing values.
   */
  static FeatureMatrix[] encodedOnReal(Table real, Table synthetic) {
    FeatureEncoder encoder = FeatureEncoder.fit(real, comparedColumns(real));
    return new FeatureMatrix[] {encoder.transform(real), encoder.transform(synthetic)};
  }

  /** The squared Euclidean distance between row {@code i} of {@code a} and row {@code j} of b. */
  static double squaredDistance(double[] a, int i, double[] b, int j, int d) {
    int ai = i * d;
    int bj = j * d;
    double s = 0;
    for (int t = 0; t < d; t++) {
      double diff = a[ai + t] - b[bj + t];
      s += diff * diff;
    }
    return s;
  }

  /**
   * As {@link #squaredDistance}, but stops adding once the sum reaches {@code bound}: the result is
   * exact when below {@code bound} and some value {@code >= bound} otherwise.
   */
  static double squaredDistanceBelow(double[] a, int i, double[] b, int j, int d, double bound) {
    int ai = i * d;
    int bj = j * d;
    double s = 0;
    for (int t = 0; t < d; t++) {
      double diff = a[ai + t] - b[bj + t];
      s += diff * diff;
      if (s >= bound) {
        return s;
      }
    }
    return s;
  }
}
