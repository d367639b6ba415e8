package dev.gauntlet.model;

/**
 * Minimizes a smooth convex function by limited-memory BFGS (Nocedal and Wright, Numerical
 * Optimization, algorithm 7.4: the two-loop recursion over the last {@value #MEMORY} steps) with a
 * backtracking (Armijo) line search. Each step costs a few evaluations of the value and gradient
 * and {@code O(MEMORY * dimension)} more, so a fit costs time linear in the dimension, where
 * Newton's method builds and factors a dense Hessian (square and cube of the dimension).
 */
final class Lbfgs {
  static final int MEMORY = 10;
  private static final double ARMIJO = 1e-4;
  private static final int MAX_HALVINGS = 60;

  /** A relative decrease of the value this small ends the fit, as in SciPy's L-BFGS-B. */
  static final double RELATIVE_DECREASE = 64 * Math.ulp(1.0);

  private Lbfgs() {}

  /** A differentiable objective. */
  interface Problem {
    int dimension();

    /**
     * Fills the gradient at {@code x}, which the caller zeroed.
     *
     * @return the value at {@code x}
     */
    double valueAndGradient(double[] x, double[] gradient);
  }

  /**
   * Runs L-BFGS from {@code start} until the largest gradient component is at most {@code
   * tolerance}, the value's relative decrease in a step is below {@link #RELATIVE_DECREASE} (no
   * further progress is representable: counted as converged), {@code maxIterations} steps, or the
   * line search cannot decrease the value.
   */
  static Newton.Result minimize(
      Problem problem, double[] start, double tolerance, int maxIterations) {
    int d = problem.dimension();
    double[] x = start.clone();
    double[] g = new double[d];
    double f = problem.valueAndGradient(x, g);
    double[][] s = new double[MEMORY][];
    double[][] y = new double[MEMORY][];
    double[] rho = new double[MEMORY];
    double[] alpha = new double[MEMORY];
    int stored = 0;
    int newest = -1;
    double[] next = new double[d];
    double[] nextG = new double[d];
    for (int iteration = 0; ; iteration++) {
      double norm = Newton.maxAbs(g);
      if (norm <= tolerance) {
        return new Newton.Result(x, iteration, true, norm);
      }
      if (iteration == maxIterations) {
        return new Newton.Result(x, iteration, false, norm);
      }
      // two-loop recursion: direction = -H g, H the inverse-Hessian estimate
      double[] q = g.clone();
      for (int i = 0; i < stored; i++) {
        int j = Math.floorMod(newest - i, MEMORY);
        alpha[j] = rho[j] * Newton.dot(s[j], q);
        axpy(-alpha[j], y[j], q);
      }
      double gamma = stored == 0 ? 1 / Math.max(1, Math.sqrt(Newton.dot(g, g))) : 1;
      if (stored > 0) {
        gamma = Newton.dot(s[newest], y[newest]) / Newton.dot(y[newest], y[newest]);
      }
      for (int i = 0; i < d; i++) {
        q[i] *= gamma;
      }
      for (int i = stored - 1; i >= 0; i--) {
        int j = Math.floorMod(newest - i, MEMORY);
        double beta = rho[j] * Newton.dot(y[j], q);
        axpy(alpha[j] - beta, s[j], q);
      }
      for (int i = 0; i < d; i++) {
        q[i] = -q[i];
      }
      double slope = Newton.dot(g, q);
      if (!(slope < 0)) {
        // not a descent direction (rounding): restart from steepest descent
        stored = 0;
        for (int i = 0; i < d; i++) {
          q[i] = -g[i];
        }
        slope = -Newton.dot(g, g);
      }
      double t = 1;
      double fn = Double.NaN;
      boolean accepted = false;
      for (int halving = 0; halving < MAX_HALVINGS; halving++, t *= 0.5) {
        for (int i = 0; i < d; i++) {
          next[i] = x[i] + t * q[i];
        }
        java.util.Arrays.fill(nextG, 0);
        fn = problem.valueAndGradient(next, nextG);
        if (fn <= f + ARMIJO * t * slope) {
          accepted = true;
          break;
        }
      }
      if (!accepted) {
        return new Newton.Result(x, iteration, false, norm);
      }
      double[] step = new double[d];
      double[] change = new double[d];
      for (int i = 0; i < d; i++) {
        step[i] = next[i] - x[i];
        change[i] = nextG[i] - g[i];
      }
      double curvature = Newton.dot(step, change);
      if (curvature > 1e-12 * Math.sqrt(Newton.dot(step, step) * Newton.dot(change, change))) {
        newest = (newest + 1) % MEMORY;
        s[newest] = step;
        y[newest] = change;
        rho[newest] = 1 / curvature;
        stored = Math.min(stored + 1, MEMORY);
      }
      double decrease = (f - fn) / Math.max(Math.max(Math.abs(f), Math.abs(fn)), 1);
      System.arraycopy(next, 0, x, 0, d);
      System.arraycopy(nextG, 0, g, 0, d);
      f = fn;
      if (decrease <= RELATIVE_DECREASE) {
        return new Newton.Result(x, iteration + 1, true, Newton.maxAbs(g));
      }
    }
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < y.length; i++) {
      y[i] += a * x[i];
    }
  }
}
