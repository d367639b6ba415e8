package dev.gauntlet.metrics;

import dev.gauntlet.data.FeatureEncoder;
import dev.gauntlet.data.FeatureMatrix;
import dev.gauntlet.data.IdColumns;
import dev.gauntlet.data.Table;
import dev.gauntlet.metrics.internal.OpenBlasFrechet;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * The Fréchet distance between Gaussians fitted to two samples (the FID formula of pytorch-fid):
 * {@code |mu1 - mu2|^2 + tr(S1) + tr(S2) - 2 tr sqrt(S1 S2)}, covariances with ddof 1.
 *
 * <p>The trace term is computed in a symmetric form, {@code tr sqrt(S1 S2) = sum_i sqrt(lambda_i(R
 * S2 R))} with {@code R = S1^(1/2)}, eigenvalues clipped at 0. It equals pytorch-fid's {@code
 * sqrtm} route where that succeeds, and stays real and finite on the ill-conditioned covariances
 * where {@code sqrtm} gives up with an "imaginary component". Rounding can take the formula a hair
 * below 0 for identical samples; the distance is reported as 0 then.
 *
 * <p>Two engines compute it. From {@link #NATIVE_MIN_FEATURES} features on, native OpenBLAS +
 * LAPACKE (bytedeco, linux-x86_64): {@code dsyrk} for the covariances, a Cholesky factor of S1
 * ({@code dpotrf}, or {@code dsyevd} when S1 is singular) and the eigenvalues of a symmetric matrix
 * similar to {@code R S2 R} ({@code dsyevd}): under 3 s for 2048 features and 10,000 rows per
 * sample on a quiet 2-core machine, 5-8 s while other builds ran. Below that, or where the native
 * library cannot load (another platform), pure Java (EJML), which takes the square roots as the
 * singular values of {@code S2^(1/2) S1^(1/2)} so that raw, badly scaled columns keep their small
 * eigenvalues' precision; accurate, but about a minute at 2048 features. {@link #engine(int)} says
 * which one a call uses. They agree to 1e-9 relative or better (to about sqrt(eps) relative when a
 * covariance is singular, as a zero eigenvalue's rounding enters through its square root).
 *
 * <p>Values whose largest magnitude lies outside [2^-100, 2^100] (such as 1e200, whose squares
 * overflow) are first scaled by a power of two that brings it to [1, 2), and the distance scaled
 * back by its square: exact, since a power of two only changes exponents, and the distance of
 * {@code cX, cY} is {@code c^2} times that of {@code X, Y}. A scaled distance at rounding level (at
 * most 1e-10 per feature) is 0, and one beyond the largest double once scaled back is infinite.
 * Values within that range are used as they are.
 */
public final class Frechet {
  /** The number of features from which the native engine is used when it is available. */
  public static final int NATIVE_MIN_FEATURES = 256;

  /** The code that computes the distance. */
  public enum Engine {
    /** Native OpenBLAS + LAPACKE through bytedeco. */
    OPENBLAS,
    /** Pure Java, EJML. */
    EJML
  }

  private Frechet() {}

  /** The distance between two feature matrices with the same features (e.g. embeddings). */
  public static double distance(FeatureMatrix a, FeatureMatrix b) {
    if (a.cols() != b.cols()) {
      throw new IllegalArgumentException(
          "feature matrices have " + a.cols() + " and " + b.cols() + " columns");
    }
    return distance(a.data(), a.rows(), b.data(), b.rows(), a.cols());
  }

  /**
   * The distance between two tables after a user-supplied embedding (any function from a table to
   * features, such as a model's penultimate layer): the "FID-style" fidelity of tabular data.
   */
  public static double distance(
      Table real, Table synthetic, Function<Table, FeatureMatrix> embedding) {
    return distance(embedding.apply(real), embedding.apply(synthetic));
  }

  /**
   * The distance on encoded features: a {@link FeatureEncoder} fitted on every column of the real
   * table but its ids ({@link IdColumns}) (numeric standardized, categorical one-hot, missing
   * values imputed with indicators), applied to both tables.
   */
  public static double encoded(Table real, Table synthetic) {
    FeatureEncoder encoder = FeatureEncoder.fit(real, IdColumns.dataColumns(real));
    int k = encoder.width();
    if (engine(k) == Engine.OPENBLAS) {
      return distance(real, synthetic, encoder::transform);
    }
    if (real.rowCount() < 2 || synthetic.rowCount() < 2) {
      return Double.NaN;
    }
    // batch by batch in row order: the same sums as on the whole encoded matrix, without holding
    // it (a million rows of 40 features would be 320 MB per table)
    double[] mu1 = mean(real, encoder, k);
    double[] mu2 = mean(synthetic, encoder, k);
    return fromMoments(
        mu1, covariance(real, encoder, k, mu1), mu2, covariance(synthetic, encoder, k, mu2));
  }

  private static final int BATCH_ROWS = 1 << 14;

  private static double[] mean(Table t, FeatureEncoder encoder, int k) {
    double[] sum = new double[k];
    for (int from = 0; from < t.rowCount(); from += BATCH_ROWS) {
      int to = Math.min(t.rowCount(), from + BATCH_ROWS);
      double[] x = encoder.transform(t.slice(from, to)).data();
      for (int r = 0; r < to - from; r++) {
        for (int j = 0; j < k; j++) {
          sum[j] += x[r * k + j];
        }
      }
    }
    for (int j = 0; j < k; j++) {
      sum[j] /= t.rowCount();
    }
    return sum;
  }

  private static double[][] covariance(Table t, FeatureEncoder encoder, int k, double[] mu) {
    double[][] c = new double[k][k];
    double[] d = new double[k];
    for (int from = 0; from < t.rowCount(); from += BATCH_ROWS) {
      int to = Math.min(t.rowCount(), from + BATCH_ROWS);
      double[] x = encoder.transform(t.slice(from, to)).data();
      for (int r = 0; r < to - from; r++) {
        for (int j = 0; j < k; j++) {
          d[j] = x[r * k + j] - mu[j];
        }
        for (int i = 0; i < k; i++) {
          double di = d[i];
          double[] ci = c[i];
          for (int j = i; j < k; j++) {
            ci[j] += di * d[j];
          }
        }
      }
    }
    for (int i = 0; i < k; i++) {
      for (int j = i; j < k; j++) {
        c[i][j] /= t.rowCount() - 1;
        c[j][i] = c[i][j];
      }
    }
    return c;
  }

  private static double fromMoments(double[] mu1, double[][] s1, double[] mu2, double[][] s2) {
    double d2 = 0;
    for (int j = 0; j < mu1.length; j++) {
      d2 += (mu1[j] - mu2[j]) * (mu1[j] - mu2[j]);
    }
    return Math.max(0, d2 + trace(s1) + trace(s2) - 2 * traceSqrtProduct(s1, s2));
  }

  /**
   * The distance between two samples given as rows x features, row-major. Needs at least two rows
   * on each side and the same number of features.
   */
  public static double distance(double[] a, int rowsA, double[] b, int rowsB, int features) {
    return distance(a, rowsA, b, rowsB, features, engine(features));
  }

  /**
   * The engine {@link #distance} uses for this many features: OpenBLAS from {@link
   * #NATIVE_MIN_FEATURES} features on when its native library loads, else EJML.
   */
  public static Engine engine(int features) {
    return features >= NATIVE_MIN_FEATURES && OpenBlasFrechet.available()
        ? Engine.OPENBLAS
        : Engine.EJML;
  }

  /** Why the native engine is not available, or null when it is. */
  public static String nativeUnavailableReason() {
    return OpenBlasFrechet.unavailableReason();
  }

  /** The distance through the given engine (tests and benchmarks compare the two). */
  static double distance(
      double[] a, int rowsA, double[] b, int rowsB, int features, Engine engine) {
    if (rowsA < 2 || rowsB < 2) {
      return Double.NaN;
    }
    double largest = Math.max(maxAbs(a, rowsA * features), maxAbs(b, rowsB * features));
    int exponent = Math.getExponent(largest);
    if (Double.isFinite(largest)
        && largest >= Double.MIN_NORMAL
        && Math.abs(exponent) > SCALE_FREE_EXPONENT) {
      // squares of 1e200 overflow (the decompositions then fail): compute on 2^-e x
      double[] as = scaled(a, rowsA * features, -exponent);
      double[] bs = scaled(b, rowsB * features, -exponent);
      double d = distance(as, rowsA, bs, rowsB, features, engine);
      // below 2 in magnitude, the formula's rounding is far under ROUNDING * features; scaled back
      // by 2^(2e) that noise alone would read as a distance of 1e380 (identical samples)
      return d <= ROUNDING * features ? 0 : Math.scalb(d, 2 * exponent);
    }
    double[] mu1 = mean(a, rowsA, features);
    double[] mu2 = mean(b, rowsB, features);
    if (engine == Engine.OPENBLAS) {
      return Math.max(0, OpenBlasFrechet.distance(a, rowsA, mu1, b, rowsB, mu2, features));
    }
    return fromMoments(
        mu1, covariance(a, rowsA, features, mu1), mu2, covariance(b, rowsB, features, mu2));
  }

  /** Beyond 2^100 in magnitude (or below 2^-100) the values are scaled first. */
  private static final int SCALE_FREE_EXPONENT = 100;

  /** Per feature, a scaled distance at or below this is rounding: 0. */
  private static final double ROUNDING = 1e-10;

  private static double maxAbs(double[] x, int n) {
    double m = 0;
    for (int i = 0; i < n; i++) {
      m = Math.max(m, Math.abs(x[i]));
    }
    return m;
  }

  private static double[] scaled(double[] x, int n, int exponent) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = Math.scalb(x[i], exponent);
    }
    return out;
  }

  /**
   * {@code tr sqrt(S1 S2)} for symmetric positive semi-definite S1, S2, as the sum of the singular
   * values of {@code S2^(1/2) S1^(1/2)} (whose squares are the eigenvalues of {@code R S2 R}).
   * Singular values span the range of the covariances' eigenvalues rather than its square, so small
   * ones keep their precision on raw, badly scaled columns.
   */
  static double traceSqrtProduct(double[][] s1, double[][] s2) {
    int k = s1.length;
    DMatrixRMaj product = new DMatrixRMaj(k, k);
    CommonOps_DDRM.mult(symmetricSqrt(s2), symmetricSqrt(s1), product);
    SingularValueDecomposition_F64<DMatrixRMaj> svd =
        DecompositionFactory_DDRM.svd(k, k, false, false, true);
    if (!svd.decompose(product)) {
      throw new ArithmeticException("singular value decomposition did not converge");
    }
    double t = 0;
    for (double sigma : svd.getSingularValues()) {
      t += sigma;
    }
    return t;
  }

  /** {@code V diag(sqrt(max(w, 0))) V^T} from the symmetric eigendecomposition of {@code s}. */
  private static DMatrixRMaj symmetricSqrt(double[][] s) {
    int k = s.length;
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(k, true, true);
    if (!eig.decompose(new DMatrixRMaj(s))) {
      throw new ArithmeticException("eigendecomposition of a covariance did not converge");
    }
    DMatrixRMaj scaled = new DMatrixRMaj(k, k);
    DMatrixRMaj v = new DMatrixRMaj(k, k);
    for (int j = 0; j < k; j++) {
      DMatrixRMaj vector = eig.getEigenVector(j);
      double root = Math.sqrt(Math.max(eig.getEigenvalue(j).getReal(), 0));
      for (int i = 0; i < k; i++) {
        v.set(i, j, vector.get(i));
        scaled.set(i, j, vector.get(i) * root);
      }
    }
    DMatrixRMaj r = new DMatrixRMaj(k, k);
    CommonOps_DDRM.multTransB(scaled, v, r);
    return r;
  }

  static double[] mean(double[] x, int rows, int cols) {
    double[] mu = new double[cols];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < cols; j++) {
        mu[j] += x[r * cols + j];
      }
    }
    for (int j = 0; j < cols; j++) {
      mu[j] /= rows;
    }
    return mu;
  }

  static double[][] covariance(double[] x, int rows, int cols, double[] mu) {
    double[][] c = new double[cols][cols];
    double[] d = new double[cols];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < cols; j++) {
        d[j] = x[r * cols + j] - mu[j];
      }
      for (int i = 0; i < cols; i++) {
        double di = d[i];
        double[] ci = c[i];
        for (int j = i; j < cols; j++) {
          ci[j] += di * d[j];
        }
      }
    }
    for (int i = 0; i < cols; i++) {
      for (int j = i; j < cols; j++) {
        c[i][j] /= rows - 1;
        c[j][i] = c[i][j];
      }
    }
    return c;
  }

  private static double trace(double[][] m) {
    double t = 0;
    for (int i = 0; i < m.length; i++) {
      t += m[i][i];
    }
    return t;
  }
}
