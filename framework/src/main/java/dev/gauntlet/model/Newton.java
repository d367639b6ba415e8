package dev.gauntlet.model;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.NonSymmetricMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularMatrixException;

/**
 * Minimizes a smooth convex function by Newton's method with a backtracking (Armijo) line search.
 * The Newton system is solved by Cholesky; if the Hessian is not numerically positive definite, by
 * LU with a small ridge; failing that, the step is the steepest descent direction.
 */
final class Newton {
  private static final double ARMIJO = 1e-4;
  private static final int MAX_HALVINGS = 60;

  private Newton() {}

  /** A twice-differentiable objective. */
  interface Problem {
    int dimension();

    double value(double[] x);

    /**
     * Fills the gradient and the (symmetric, dense) Hessian at {@code x}, which the caller zeroed.
     *
     * @return the value at {@code x}
     */
    double derivatives(double[] x, double[] gradient, double[][] hessian);
  }

  /**
   * The minimizer found.
   *
   * @param x the last iterate
   * @param iterations the Newton steps taken
   * @param converged whether the largest gradient component fell to the tolerance
   * @param gradientNorm the largest gradient component at {@code x}
   */
  record Result(double[] x, int iterations, boolean converged, double gradientNorm) {}

  /**
   * Runs Newton's method from {@code start} until the largest gradient component is at most {@code
   * tolerance}, or {@code maxIterations} steps, or the line search cannot decrease the objective.
   */
  static Result minimize(Problem problem, double[] start, double tolerance, int maxIterations) {
    int d = problem.dimension();
    double[] x = start.clone();
    double[] g = new double[d];
    double[][] h = new double[d][d];
    double[] next = new double[d];
    for (int iteration = 0; ; iteration++) {
      Arrays.fill(g, 0);
      for (double[] row : h) {
        Arrays.fill(row, 0);
      }
      double f = problem.derivatives(x, g, h);
      double norm = maxAbs(g);
      if (norm <= tolerance) {
        return new Result(x, iteration, true, norm);
      }
      if (iteration == maxIterations) {
        return new Result(x, iteration, false, norm);
      }
      double[] step = newtonStep(h, g);
      double slope = dot(g, step);
      if (!(slope < 0)) {
        step = g.clone();
        for (int i = 0; i < d; i++) {
          step[i] = -step[i];
        }
        slope = -dot(g, g);
      }
      double t = 1;
      boolean accepted = false;
      for (int halving = 0; halving < MAX_HALVINGS; halving++, t *= 0.5) {
        for (int i = 0; i < d; i++) {
          next[i] = x[i] + t * step[i];
        }
        double fn = problem.value(next);
        if (fn <= f + ARMIJO * t * slope) {
          accepted = true;
          break;
        }
      }
      if (!accepted) {
        // No decrease is representable: x is as close to the minimum as rounding allows.
        return new Result(x, iteration, false, norm);
      }
      System.arraycopy(next, 0, x, 0, d);
    }
  }

  /** Solves {@code H step = -g}, with the fallbacks the class comment describes. */
  private static double[] newtonStep(double[][] h, double[] g) {
    int d = g.length;
    double[] minusG = new double[d];
    for (int i = 0; i < d; i++) {
      minusG[i] = -g[i];
    }
    RealMatrix m = new Array2DRowRealMatrix(h, true);
    try {
      return solve(new CholeskyDecomposition(m, 1e-10, 1e-14).getSolver(), minusG);
    } catch (NonPositiveDefiniteMatrixException | NonSymmetricMatrixException e) {
      double largest = 0;
      for (int i = 0; i < d; i++) {
        largest = Math.max(largest, Math.abs(h[i][i]));
      }
      double ridge = 1e-10 * Math.max(largest, 1);
      for (int i = 0; i < d; i++) {
        m.addToEntry(i, i, ridge);
      }
      try {
        return solve(new LUDecomposition(m).getSolver(), minusG);
      } catch (SingularMatrixException singular) {
        return minusG;
      }
    }
  }

  private static double[] solve(DecompositionSolver solver, double[] b) {
    return solver.solve(new ArrayRealVector(b, false)).toArray();
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static double maxAbs(double[] a) {
    double m = 0;
    for (double v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }
}
