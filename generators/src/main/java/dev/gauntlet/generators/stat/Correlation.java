package dev.gauntlet.generators.stat;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/** Correlation matrices for the Gaussian copula: repair and Cholesky factor. */
final class Correlation {
  /** Eigenvalues are raised to at least this, so the Cholesky factor exists. */
  static final double MIN_EIGENVALUE = 1e-6;

  private Correlation() {}

  /**
   * The nearest (by eigenvalue clipping) positive definite matrix with a unit diagonal: pairwise
   * correlations over different rows need not be positive semi-definite. NaN entries are read as 0.
   */
  static double[][] repair(double[][] r) {
    int k = r.length;
    DMatrixRMaj m = new DMatrixRMaj(k, k);
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double v = i == j ? 1 : r[i][j];
        m.set(i, j, Double.isFinite(v) ? v : 0);
      }
    }
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(k, true, true);
    if (!eig.decompose(m)) {
      throw new IllegalStateException("eigen decomposition of the correlation matrix failed");
    }
    double[][] out = new double[k][k];
    for (int e = 0; e < k; e++) {
      double lambda = Math.max(MIN_EIGENVALUE, eig.getEigenvalue(e).getReal());
      DMatrixRMaj v = eig.getEigenVector(e);
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          out[i][j] += lambda * v.get(i) * v.get(j);
        }
      }
    }
    double[] d = new double[k];
    for (int i = 0; i < k; i++) {
      d[i] = Math.sqrt(out[i][i]);
    }
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        out[i][j] = i == j ? 1 : out[i][j] / (d[i] * d[j]);
      }
    }
    return out;
  }

  /** The lower-triangular L with L Lᵀ = r; a matrix that is not positive definite is an error. */
  static double[][] cholesky(double[][] r) {
    int k = r.length;
    double[][] l = new double[k][k];
    for (int i = 0; i < k; i++) {
      if (r[i].length != k) {
        throw new IllegalArgumentException("the correlation matrix is not square");
      }
      for (int j = 0; j <= i; j++) {
        if (Math.abs(r[i][j] - r[j][i]) > 1e-9) {
          throw new IllegalArgumentException(
              "the correlation matrix is not symmetric at (" + i + ", " + j + ")");
        }
        double s = r[i][j];
        for (int p = 0; p < j; p++) {
          s -= l[i][p] * l[j][p];
        }
        if (i == j) {
          if (!(s > 0)) {
            throw new IllegalArgumentException(
                "the correlation matrix is not positive definite (pivot "
                    + s
                    + " at column "
                    + i
                    + ")");
          }
          l[i][i] = Math.sqrt(s);
        } else {
          l[i][j] = s / l[j][j];
        }
      }
    }
    return l;
  }
}
