package dev.gauntlet.model;

import dev.gauntlet.data.CompactFeatures;
import dev.gauntlet.data.FeatureEncoder;
import dev.gauntlet.data.FeatureMatrix;
import dev.gauntlet.data.Table;
import java.util.List;

/**
 * Multinomial logistic regression with an L2 penalty, the objective of scikit-learn's {@code
 * LogisticRegression(C)}: the summed log loss over rows plus {@code 1/(2C)} times the sum of
 * squared weights; intercepts are not penalized.
 *
 * <p>With two classes the model is binary, as in scikit-learn: one weight vector and intercept give
 * the second class's probability through the sigmoid. With {@code K > 2} classes each class has its
 * own weight vector and intercept, and probabilities are their softmax. The softmax intercepts are
 * determined only up to a common shift; the fit returns the ones that sum to zero (as
 * scikit-learn's solvers do, starting from zero).
 *
 * <p>The fit starts from all-zero parameters and stops when the largest gradient component divided
 * by the number of rows is at most the tolerance. Up to {@link #NEWTON_MAX_PARAMETERS} parameters
 * (weights and intercepts) it is Newton's method with a backtracking line search; beyond, where
 * building and factoring the dense Hessian would cost time in the square and cube of the encoded
 * width (a categorical column of a thousand levels), it is L-BFGS, whose steps cost time linear in
 * the width (see {@link Solver}). The features are the table's feature columns (the label excluded)
 * through a {@link FeatureEncoder} fitted on the training table; there is nothing random, so the
 * same table gives the same model.
 *
 * <p>Fit and prediction go over the rows' non-zero features ({@link CompactFeatures}: a double per
 * numeric column and a byte per categorical one), never a dense rows x width matrix, so their
 * memory grows with the input columns, not the one-hot width; the sums are the dense ones bit for
 * bit. Only {@link #lossGradient}, whose caller passes a dense matrix, works on one.
 */
public final class LogisticRegression implements Differentiable {
  private final FeatureEncoder encoder;
  private final List<String> classes;
  private final int free;
  private final double[] theta;
  private final int iterations;
  private final boolean converged;

  private LogisticRegression(
      FeatureEncoder encoder,
      List<String> classes,
      double[] theta,
      int iterations,
      boolean converged) {
    this.encoder = encoder;
    this.classes = List.copyOf(classes);
    this.free = freeScores(classes.size());
    this.theta = theta;
    this.iterations = iterations;
    this.converged = converged;
  }

  /** Above this many parameters the automatic solver is L-BFGS instead of Newton's method. */
  public static final int NEWTON_MAX_PARAMETERS = 128;

  /** L-BFGS steps allowed per allowed Newton step: each is much cheaper and does less. */
  public static final int LBFGS_STEPS_PER_NEWTON_STEP = 10;

  /** How the penalized log loss is minimized. */
  public enum Solver {
    /**
     * Newton's method up to {@link #NEWTON_MAX_PARAMETERS} parameters, L-BFGS beyond: the same
     * minimum, at a cost linear in the width where Newton's would be quadratic and worse.
     */
    AUTO,
    /** Newton's method with a dense Hessian: few, exact steps; each costs rows x width squared. */
    NEWTON,
    /**
     * Limited-memory BFGS: each step costs rows x width; up to {@link #LBFGS_STEPS_PER_NEWTON_STEP}
     * times the trainer's iterations, and it also stops when a step decreases the loss by less than
     * its rounding (a relative 64 ulp, as SciPy's L-BFGS-B).
     */
    LBFGS
  }

  /**
   * A trainer with scikit-learn's defaults: {@code C = 1}, up to 100 Newton steps, the solver
   * chosen by the number of parameters.
   */
  public static Trainer trainer(String label) {
    return new Trainer(label, 1.0, 100, 1e-10, Solver.AUTO);
  }

  /**
   * The settings of a fit.
   *
   * @param label the label column
   * @param c the inverse of the L2 penalty's strength: the penalty is {@code 1/(2C)} times the sum
   *     of squared weights; positive
   * @param maxIterations the most Newton steps; positive
   * @param tolerance the fit stops when the largest gradient component, divided by the number of
   *     rows, is at most this; positive
   * @param solver how the loss is minimized
   */
  public record Trainer(String label, double c, int maxIterations, double tolerance, Solver solver)
      implements ModelTrainer<Classifier> {
    public Trainer {
      TrainingSet.checkLabel(label);
      java.util.Objects.requireNonNull(solver, "solver");
      if (!(c > 0 && c < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("C is not a positive finite number: " + c);
      }
      if (maxIterations < 1) {
        throw new IllegalArgumentException("max iterations is not positive: " + maxIterations);
      }
      if (!(tolerance > 0)) {
        throw new IllegalArgumentException("tolerance is not positive: " + tolerance);
      }
    }

    public Trainer withC(double newC) {
      return new Trainer(label, newC, maxIterations, tolerance, solver);
    }

    public Trainer withMaxIterations(int newMaxIterations) {
      return new Trainer(label, c, newMaxIterations, tolerance, solver);
    }

    public Trainer withTolerance(double newTolerance) {
      return new Trainer(label, c, maxIterations, newTolerance, solver);
    }

    public Trainer withSolver(Solver newSolver) {
      return new Trainer(label, c, maxIterations, tolerance, newSolver);
    }

    @Override
    public LogisticRegression fit(Table train) {
      TrainingSet set = TrainingSet.of(train, label);
      List<String> classes = set.labels().classes();
      if (classes.size() < 2) {
        // Nothing to separate: the one class has probability 1 everywhere.
        return new LogisticRegression(set.encoder(), classes, new double[0], 0, true);
      }
      CompactFeatures x = set.compact();
      Objective objective = new Objective(x, set.labels().y(), classes.size(), c);
      double gradientTolerance = tolerance * Math.max(1, x.rows());
      double[] start = new double[objective.dimension()];
      boolean newton =
          solver == Solver.NEWTON
              || (solver == Solver.AUTO && objective.dimension() <= NEWTON_MAX_PARAMETERS);
      Newton.Result result =
          newton
              ? Newton.minimize(objective, start, gradientTolerance, maxIterations)
              : Lbfgs.minimize(
                  objective,
                  start,
                  gradientTolerance,
                  (int)
                      Math.min(
                          Integer.MAX_VALUE, (long) maxIterations * LBFGS_STEPS_PER_NEWTON_STEP));
      return new LogisticRegression(
          set.encoder(), classes, result.x(), result.iterations(), result.converged());
    }
  }

  @Override
  public List<String> classes() {
    return classes;
  }

  /** The encoded feature names, in the order of each weight vector. */
  public List<String> featureNames() {
    return encoder.featureNames();
  }

  /**
   * The weights, one row per weight vector: a single row (for the second class) when there are two
   * classes, one row per class when there are more; as scikit-learn's {@code coef_}.
   */
  public double[][] coefficients() {
    int p = encoder.width();
    double[][] out = new double[free][p];
    for (int m = 0; m < free; m++) {
      System.arraycopy(theta, m * (p + 1), out[m], 0, p);
    }
    return out;
  }

  /** The intercepts, one per weight vector; as scikit-learn's {@code intercept_}. */
  public double[] intercepts() {
    int p = encoder.width();
    double[] out = new double[free];
    for (int m = 0; m < free; m++) {
      out[m] = theta[m * (p + 1) + p];
    }
    return out;
  }

  /** The steps the fit took (Newton or L-BFGS steps, by the solver). */
  public int iterations() {
    return iterations;
  }

  /** Whether the fit reached its gradient tolerance within the allowed steps. */
  public boolean converged() {
    return converged;
  }

  @Override
  public ClassProbabilities predictProba(Table table) {
    CompactFeatures x = encoder.compact(table);
    int k = classes.size();
    double[] out = new double[x.rows() * k];
    double[] scores = new double[k];
    int[] index = new int[x.maxNonZeros()];
    double[] value = new double[index.length];
    for (int r = 0; r < x.rows(); r++) {
      if (k == 1) {
        out[r] = 1;
        continue;
      }
      scores(theta, index, value, x.row(r, index, value), x.width(), k, scores);
      softmax(scores);
      System.arraycopy(scores, 0, out, r * k, k);
    }
    return ClassProbabilities.wrap(classes, x.rows(), out);
  }

  @Override
  public FeatureEncoder encoder() {
    return encoder;
  }

  /**
   * The cross-entropy loss and its gradient with respect to the encoded input, in closed form: for
   * target {@code t}, {@code sum over classes c of (p_c - [c = t]) w_c}, where {@code w_c} is class
   * {@code c}'s weight vector (zero for the first class of a binary model).
   */
  @Override
  public InputGradient lossGradient(FeatureMatrix x, int[] targets) {
    int k = classes.size();
    Differentiable.checkTargets(x, targets, k);
    int p = x.cols();
    double[] out = new double[x.rows() * k];
    double[] loss = new double[x.rows()];
    double[] gradient = new double[x.rows() * p];
    double[] scores = new double[k];
    for (int r = 0; r < x.rows(); r++) {
      if (k == 1) {
        out[r] = 1;
        continue;
      }
      scores(theta, x.data(), r * p, p, k, scores);
      double targetScore = scores[targets[r]];
      loss[r] = softmax(scores) - targetScore;
      System.arraycopy(scores, 0, out, r * k, k);
      for (int m = 0; m < free; m++) {
        int c = classOf(m, k);
        double residual = scores[c] - (c == targets[r] ? 1 : 0);
        int base = m * (p + 1);
        for (int j = 0; j < p; j++) {
          gradient[r * p + j] += residual * theta[base + j];
        }
      }
    }
    return new InputGradient(ClassProbabilities.wrap(classes, x.rows(), out), loss, gradient);
  }

  /** The number of weight vectors: one for two classes, else one per class. */
  private static int freeScores(int k) {
    return k == 2 ? 1 : k;
  }

  /** The class whose score weight vector {@code m} gives. */
  private static int classOf(int m, int k) {
    return k == 2 ? 1 : m;
  }

  /** Each class's score for the row at {@code at}; with two classes the first class scores 0. */
  private static void scores(double[] theta, double[] x, int at, int p, int k, double[] out) {
    if (k == 2) {
      out[0] = 0;
    }
    int free = freeScores(k);
    for (int m = 0; m < free; m++) {
      int base = m * (p + 1);
      double s = theta[base + p];
      for (int j = 0; j < p; j++) {
        s += theta[base + j] * x[at + j];
      }
      out[classOf(m, k)] = s;
    }
  }

  /**
   * As {@link #scores(double[], double[], int, int, int, double[])} over a row's non-zero features
   * ({@link CompactFeatures#row}); the same sums, as the skipped terms are zeros.
   */
  private static void scores(
      double[] theta, int[] index, double[] value, int nonZeros, int p, int k, double[] out) {
    if (k == 2) {
      out[0] = 0;
    }
    int free = freeScores(k);
    for (int m = 0; m < free; m++) {
      int base = m * (p + 1);
      double s = theta[base + p];
      for (int i = 0; i < nonZeros; i++) {
        s += theta[base + index[i]] * value[i];
      }
      out[classOf(m, k)] = s;
    }
  }

  /** Replaces scores by their softmax; returns the log of the normalizer (log-sum-exp). */
  private static double softmax(double[] s) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : s) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (int i = 0; i < s.length; i++) {
      s[i] = Math.exp(s[i] - max);
      sum += s[i];
    }
    for (int i = 0; i < s.length; i++) {
      s[i] /= sum;
    }
    return max + Math.log(sum);
  }

  /**
   * The penalized log loss. Parameters are laid out per weight vector: {@code p} weights, then the
   * intercept. With {@code K > 2} the term {@code (sum of intercepts)^2 / 2} is added: the loss is
   * unchanged by a common shift of the intercepts, so this only picks the minimizer whose
   * intercepts sum to zero, and makes the Hessian positive definite.
   */
  private static final class Objective implements Newton.Problem, Lbfgs.Problem {
    private final CompactFeatures x;
    private final int[] y;
    private final int n;
    private final int p;
    private final int k;
    private final int free;
    private final double inverseC;

    Objective(CompactFeatures x, int[] y, int k, double c) {
      this.x = x;
      this.y = y;
      this.n = x.rows();
      this.p = x.width();
      this.k = k;
      this.free = freeScores(k);
      this.inverseC = 1 / c;
    }

    @Override
    public int dimension() {
      return free * (p + 1);
    }

    @Override
    public double value(double[] theta) {
      double[] s = new double[k];
      int[] index = new int[x.maxNonZeros()];
      double[] value = new double[index.length];
      double loss = 0;
      for (int r = 0; r < n; r++) {
        scores(theta, index, value, x.row(r, index, value), p, k, s);
        double score = s[y[r]];
        loss += logSumExp(s) - score;
      }
      return loss + penalty(theta);
    }

    @Override
    public double valueAndGradient(double[] theta, double[] g) {
      return derivatives(theta, g, null);
    }

    /** As {@link Newton.Problem#derivatives}; with {@code h} null, the gradient only (L-BFGS). */
    @Override
    public double derivatives(double[] theta, double[] g, double[][] h) {
      int stride = p + 1;
      double[] s = new double[k];
      double[] residual = new double[free];
      double[] prob = new double[free];
      int[] index = new int[x.maxNonZeros()];
      double[] value = new double[index.length];
      double loss = 0;
      for (int r = 0; r < n; r++) {
        int nonZeros = x.row(r, index, value);
        scores(theta, index, value, nonZeros, p, k, s);
        loss -= s[y[r]];
        loss += softmax(s);
        for (int m = 0; m < free; m++) {
          int cls = classOf(m, k);
          prob[m] = s[cls];
          residual[m] = s[cls] - (y[r] == cls ? 1 : 0);
        }
        for (int m = 0; m < free; m++) {
          int base = m * stride;
          double res = residual[m];
          for (int i = 0; i < nonZeros; i++) {
            g[base + index[i]] += res * value[i];
          }
          g[base + p] += res;
          for (int l = m; h != null && l < free; l++) {
            double w = prob[m] * ((m == l ? 1 : 0) - prob[l]);
            addOuter(h, m * stride, l * stride, index, value, nonZeros, w);
          }
        }
      }
      // Mirror: each block (m, l) is symmetric; fill its lower triangle, then block (l, m).
      for (int m = 0; h != null && m < free; m++) {
        for (int l = m; l < free; l++) {
          for (int a = 0; a < stride; a++) {
            for (int b = a + 1; b < stride; b++) {
              h[m * stride + b][l * stride + a] = h[m * stride + a][l * stride + b];
            }
          }
          if (l != m) {
            for (int a = 0; a < stride; a++) {
              for (int b = 0; b < stride; b++) {
                h[l * stride + b][m * stride + a] = h[m * stride + a][l * stride + b];
              }
            }
          }
        }
      }
      double interceptSum = 0;
      for (int m = 0; m < free; m++) {
        int base = m * stride;
        for (int j = 0; j < p; j++) {
          g[base + j] += inverseC * theta[base + j];
          if (h != null) {
            h[base + j][base + j] += inverseC;
          }
        }
        interceptSum += theta[base + p];
      }
      if (free > 1) {
        for (int m = 0; m < free; m++) {
          g[m * stride + p] += interceptSum;
          for (int l = 0; h != null && l < free; l++) {
            h[m * stride + p][l * stride + p] += 1;
          }
        }
      }
      return loss + penalty(theta);
    }

    /**
     * Adds {@code w * [x, 1][x, 1]^T} to the upper triangle of the block at (row0, col0), for the
     * row whose non-zero features are given: the zeros add nothing (bit for bit, as h starts at +0
     * and finite zeros add to it exactly).
     */
    private void addOuter(
        double[][] h, int row0, int col0, int[] index, double[] value, int nonZeros, double w) {
      for (int i = 0; i < nonZeros; i++) {
        double wa = w * value[i];
        if (wa == 0) {
          continue;
        }
        double[] hRow = h[row0 + index[i]];
        for (int j = i; j < nonZeros; j++) {
          hRow[col0 + index[j]] += wa * value[j];
        }
        hRow[col0 + p] += wa;
      }
      h[row0 + p][col0 + p] += w;
    }

    private double penalty(double[] theta) {
      int stride = p + 1;
      double squares = 0;
      double interceptSum = 0;
      for (int m = 0; m < free; m++) {
        for (int j = 0; j < p; j++) {
          double v = theta[m * stride + j];
          squares += v * v;
        }
        interceptSum += theta[m * stride + p];
      }
      double shift = free > 1 ? 0.5 * interceptSum * interceptSum : 0;
      return 0.5 * inverseC * squares + shift;
    }

    private static double logSumExp(double[] s) {
      double max = Double.NEGATIVE_INFINITY;
      for (double v : s) {
        max = Math.max(max, v);
      }
      double sum = 0;
      for (double v : s) {
        sum += Math.exp(v - max);
      }
      return max + Math.log(sum);
    }
  }
}
