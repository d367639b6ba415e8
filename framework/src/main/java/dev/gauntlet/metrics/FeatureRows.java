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

  /**
   * The squared Euclidean distance between row {@code i} of {@code a} and row {@code j} of b. Four
   * running sums (features {@code t mod 4}), added at the end: one sum would wait on the previous
   * addition at every feature, which made this four times slower.
   */
  static double squaredDistance(double[] a, int i, double[] b, int j, int d) {
    return squaredDistanceBelow(a, i, b, j, d, Double.POSITIVE_INFINITY);
  }

  /**
   * As {@link #squaredDistance}, but may stop early once the sum reaches {@code bound}: the result
   * is the same value when the distance is below {@code bound}, and some value {@code >= bound}
   * otherwise.
   */
  static double squaredDistanceBelow(double[] a, int i, double[] b, int j, int d, double bound) {
    int ai = i * d;
    int bj = j * d;
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int t = 0;
    for (; t + 4 <= d; t += 4) {
      double d0 = a[ai + t] - b[bj + t];
      double d1 = a[ai + t + 1] - b[bj + t + 1];
      double d2 = a[ai + t + 2] - b[bj + t + 2];
      double d3 = a[ai + t + 3] - b[bj + t + 3];
      s0 += d0 * d0;
      s1 += d1 * d1;
      s2 += d2 * d2;
      s3 += d3 * d3;
      if ((t & 12) == 12 && (s0 + s1) + (s2 + s3) >= bound) {
        // every 16 features; the sums only grow, and so does their rounded total (the same
        // expression as the result's), so the result would be at least the bound too
        return (s0 + s1) + (s2 + s3);
      }
    }
    for (; t < d; t++) {
      double diff = a[ai + t] - b[bj + t];
      s0 += diff * diff;
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** Checks that row-major {@code real} is {@code n x d} and {@code fake} is {@code m x d}. */
  static void checkShape(double[] real, int n, double[] fake, int m, int d) {
    if ((long) n * d != real.length || (long) m * d != fake.length) {
      throw new IllegalArgumentException(
          "rows x features do not match the data: "
              + n
              + " x "
              + d
              + " vs "
              + real.length
              + ", "
              + m
              + " x "
              + d
              + " vs "
              + fake.length);
    }
  }
}
