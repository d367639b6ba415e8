package dev.gauntlet.metrics.internal;

import static org.bytedeco.openblas.global.openblas.CblasColMajor;
import static org.bytedeco.openblas.global.openblas.CblasLeft;
import static org.bytedeco.openblas.global.openblas.CblasLower;
import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dpotrf;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dsyevd;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dsygst;
import static org.bytedeco.openblas.global.openblas.LAPACK_COL_MAJOR;
import static org.bytedeco.openblas.global.openblas.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas.cblas_dsymm;
import static org.bytedeco.openblas.global.openblas.cblas_dsyrk;

import java.nio.DoubleBuffer;
import java.util.concurrent.CompletableFuture;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.presets.openblas_nolapack;

/**
 * The trace and covariance work of the Fréchet distance on native OpenBLAS + LAPACKE (bytedeco's
 * Maven Central build, natives for linux-x86_64). For internal use: call {@code
 * dev.gauntlet.metrics.Frechet}, which falls back to pure Java (EJML) when {@link #available()} is
 * false.
 *
 * <p>Matrices are column-major. A row-major {@code rows x features} sample is, read column-major,
 * its transpose {@code Y} ({@code features x rows}), so the covariance of the centered sample is
 * {@code Y Y^T / (rows - 1)}, one {@code dsyrk}. The trace term is {@code tr sqrt(S1 S2) = sum_i
 * sqrt(max(lambda_i, 0))} over the eigenvalues of a symmetric matrix similar to {@code S1 S2} (and
 * to {@code R S2 R} with {@code R = S1^(1/2)}), found by {@code dsyevd} without vectors:
 *
 * <ul>
 *   <li>{@code L^T S2 L} with {@code S1 = L L^T} when S1 is positive definite (Cholesky, {@code
 *       dpotrf}; the usual case, more rows than features, no constant feature);
 *   <li>else {@code G^T S2 G} with {@code S1 = V diag(w) V^T} ({@code dsyevd} with vectors) and
 *       {@code G = V diag(sqrt(max(w, 0)))}, which stays real and finite on singular S1.
 * </ul>
 */
public final class OpenBlasFrechet {
  private OpenBlasFrechet() {}

  /** Whether the native library loaded; {@link #unavailableReason()} says why not. */
  public static boolean available() {
    return Holder.ERROR == null;
  }

  /** Why the native library could not load, or null when it did. */
  public static String unavailableReason() {
    return Holder.ERROR;
  }

  private static final class Holder {
    static final String ERROR = load();

    private static String load() {
      try {
        // initializing the class extracts and links the native library
        Class.forName("org.bytedeco.openblas.global.openblas");
        return null;
      } catch (ClassNotFoundException | LinkageError e) {
        return e.toString();
      }
    }
  }

  /**
   * The Fréchet distance between two row-major samples given their column means: {@code |mu1 -
   * mu2|^2 + tr(S1) + tr(S2) - 2 tr sqrt(S1 S2)}, covariances with ddof 1.
   *
   * @throws IllegalStateException when the native library is not available
   * @throws ArithmeticException when an eigendecomposition does not converge
   */
  public static double distance(
      double[] a, int rowsA, double[] mu1, double[] b, int rowsB, double[] mu2, int features) {
    if (!available()) {
      throw new IllegalStateException("OpenBLAS is not available: " + unavailableReason());
    }
    // one at a time: the calls share the cores, and singleThreaded() changes a native global
    synchronized (LOCK) {
      return distanceLocked(a, rowsA, mu1, b, rowsB, mu2, features);
    }
  }

  private static final Object LOCK = new Object();

  private static double distanceLocked(
      double[] a, int rowsA, double[] mu1, double[] b, int rowsB, double[] mu2, int features) {
    int k = features;
    long kk = (long) k * k;
    try (DoublePointer s1 = new DoublePointer(kk);
        DoublePointer s2 = new DoublePointer(kk);
        DoublePointer t = new DoublePointer(kk);
        DoublePointer w1 = new DoublePointer(k);
        DoublePointer w2 = new DoublePointer(k)) {
      covariances(a, rowsA, mu1, s1, b, rowsB, mu2, s2, k);
      double trace1 = trace(s1, k);
      double trace2 = trace(s2, k);

      double traceSqrt =
          choleskyTraceSqrt(s1, s2, t, w2, k) ? sum(w2, k) : eigenTraceSqrt(s1, s2, t, w1, w2, k);
      double d2 = 0;
      for (int j = 0; j < k; j++) {
        d2 += (mu1[j] - mu2[j]) * (mu1[j] - mu2[j]);
      }
      return d2 + trace1 + trace2 - 2 * traceSqrt;
    }
  }

  /**
   * When S1 is positive definite, {@code S1 = L L^T} ({@code dpotrf}) and the eigenvalues of {@code
   * S1 S2} are those of {@code L^T S2 L} ({@code dsygst}), into {@code w}: about a third of the
   * eigen route's time. Returns false, S1 and S2 untouched, when the Cholesky factorization fails.
   */
  private static boolean choleskyTraceSqrt(
      DoublePointer s1, DoublePointer s2, DoublePointer l, DoublePointer w, int k) {
    Pointer.memcpy(l, s1, (long) k * k * Double.BYTES);
    if (LAPACKE_dpotrf(LAPACK_COL_MAJOR, (byte) 'L', k, l, k) != 0) {
      return false;
    }
    // S2 := L^T S2 L in place from S2's lower triangle (LAPACK's reduction of a generalized
    // symmetric-definite problem, itype 2): half the work of two triangular products
    if (LAPACKE_dsygst(LAPACK_COL_MAJOR, 2, (byte) 'L', k, s2, k, l, k) != 0) {
      throw new ArithmeticException("LAPACKE_dsygst failed on L^T S2 L");
    }
    eigen('N', k, s2, w, "L^T S2 L");
    return true;
  }

  /**
   * The route for any positive semi-definite S1: {@code S1 = V diag(w) V^T} ({@code dsyevd}),
   * {@code G = V diag(sqrt(max(w, 0)))}, eigenvalues of {@code G^T S2 G}. Overwrites s1, s2 and t.
   */
  private static double eigenTraceSqrt(
      DoublePointer s1,
      DoublePointer s2,
      DoublePointer t,
      DoublePointer w1,
      DoublePointer w2,
      int k) {
    // S1 = V diag(w) V^T; V overwrites s1, w ascending
    eigen('V', k, s1, w1, "S1");
    // G = V diag(sqrt(max(w, 0))), in place
    DoubleBuffer v = s1.asBuffer();
    double[] column = new double[k];
    for (int j = 0; j < k; j++) {
      double root = Math.sqrt(Math.max(w1.get(j), 0));
      v.get(j * k, column, 0, k);
      for (int i = 0; i < k; i++) {
        column[i] *= root;
      }
      v.put(j * k, column, 0, k);
    }
    // T = S2 G (S2's lower triangle), then G^T T into s2's place
    cblas_dsymm(CblasColMajor, CblasLeft, CblasLower, k, k, 1.0, s2, k, s1, k, 0.0, t, k);
    cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, k, k, k, 1.0, s1, k, t, k, 0.0, s2, k);
    eigen('N', k, s2, w2, "G^T S2 G");
    return sum(w2, k);
  }

  /** The sum of the square roots of the first k values, each clipped at 0. */
  private static double sum(DoublePointer w, int k) {
    double total = 0;
    for (int i = 0; i < k; i++) {
      total += Math.sqrt(Math.max(w.get(i), 0));
    }
    return total;
  }

  /** The lower triangle of the covariance (ddof 1) of a row-major sample, into {@code c}. */
  private static void covariance(double[] x, int rows, double[] mu, int k, DoublePointer c) {
    try (DoublePointer y = new DoublePointer((long) rows * k)) {
      DoubleBuffer centered = y.asBuffer();
      double[] row = new double[k];
      for (int r = 0; r < rows; r++) {
        int base = r * k;
        for (int j = 0; j < k; j++) {
          row[j] = x[base + j] - mu[j];
        }
        centered.put(base, row, 0, k);
      }
      cblas_dsyrk(
          CblasColMajor, CblasLower, CblasNoTrans, k, rows, 1.0 / (rows - 1), y, k, 0.0, c, k);
    }
  }

  private static double trace(DoublePointer m, int k) {
    double t = 0;
    for (int i = 0; i < k; i++) {
      t += m.get((long) i * k + i);
    }
    return t;
  }

  /**
   * The two covariances at the same time, each on one thread with OpenBLAS single-threaded: as fast
   * as one after the other on two OpenBLAS threads when the machine is idle, and no threads
   * spin-waiting on each other when it is busy.
   */
  private static void covariances(
      double[] a,
      int rowsA,
      double[] mu1,
      DoublePointer s1,
      double[] b,
      int rowsB,
      double[] mu2,
      DoublePointer s2,
      int k) {
    singleThreaded(
        () -> {
          CompletableFuture<Void> other =
              CompletableFuture.runAsync(
                  () -> covariance(b, rowsB, mu2, k, s2),
                  r -> new Thread(r, "gauntlet-blas").start());
          covariance(a, rowsA, mu1, k, s1);
          other.join();
        });
  }

  /**
   * {@code dsyevd} on the lower triangle, on one OpenBLAS thread. Its tridiagonal reduction is
   * memory-bound BLAS-2 whose threads spin-wait on each other: on this 2-core machine, shared with
   * other builds, 2 threads took 12-20 s for 2048 x 2048 where 1 thread took 1.5-2 s.
   */
  private static void eigen(char jobz, int k, DoublePointer a, DoublePointer w, String what) {
    singleThreaded(
        () -> check(LAPACKE_dsyevd(LAPACK_COL_MAJOR, (byte) jobz, (byte) 'L', k, a, k, w), what));
  }

  /**
   * Runs with OpenBLAS on one thread per call, then restores its thread count: a global of the
   * native library, hence the lock in {@link #distance}.
   */
  private static void singleThreaded(Runnable task) {
    int threads = openblas_nolapack.blas_get_num_threads(); // -1 until set: the default
    openblas_nolapack.blas_set_num_threads(1);
    try {
      task.run();
    } finally {
      openblas_nolapack.blas_set_num_threads(
          threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
    }
  }

  private static void check(int info, String what) {
    if (info != 0) {
      throw new ArithmeticException(
          "eigendecomposition of " + what + " did not converge (LAPACKE_dsyevd info " + info + ")");
    }
  }
}
