package dev.gauntlet.model;

import dev.gauntlet.data.FeatureEncoder;
import dev.gauntlet.data.FeatureMatrix;
import dev.gauntlet.data.Table;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Least-squares linear regression with an optional L2 (ridge) penalty, the objective of
 * scikit-learn's {@code Ridge(alpha)} ({@code LinearRegression} at {@code alpha = 0}): the summed
 * squared errors plus {@code l2} times the sum of squared weights; the intercept is not penalized.
 *
 * <p>The features are the table's feature columns (the label excluded) through a {@link
 * FeatureEncoder} fitted on the training table: numeric columns standardized, categorical columns
 * one-hot with a feature per level. Features and targets are centred, so the intercept is the mean
 * target less the weights times the mean features. Without a penalty the weights are the
 * minimum-norm least-squares solution (an SVD pseudo-inverse, as scikit-learn's {@code lstsq}):
 * one-hot levels of a column sum to one, so the weights are not unique, but the predictions are.
 * With a penalty they solve {@code (X'X + l2 I) w = X'y} by Cholesky. There is nothing random.
 */
public final class LinearRegression implements Regressor {
  private final FeatureEncoder encoder;
  private final double[] weights;
  private final double intercept;

  private LinearRegression(FeatureEncoder encoder, double[] weights, double intercept) {
    this.encoder = encoder;
    this.weights = weights;
    this.intercept = intercept;
  }

  /** A trainer without a penalty: ordinary least squares. */
  public static Trainer trainer(String label) {
    return new Trainer(label, 0);
  }

  /**
   * The settings of a fit.
   *
   * @param label the label column, numeric
   * @param l2 the ridge penalty's strength (scikit-learn's {@code alpha}); 0 for none
   */
  public record Trainer(String label, double l2) implements ModelTrainer<Regressor> {
    public Trainer {
      TrainingSet.checkLabel(label);
      if (!(l2 >= 0 && l2 < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("l2 is not a finite number >= 0: " + l2);
      }
    }

    public Trainer withL2(double newL2) {
      return new Trainer(label, newL2);
    }

    @Override
    public LinearRegression fit(Table train) {
      RegressionSet set = RegressionSet.of(train, label);
      FeatureMatrix x = set.x();
      int n = x.rows();
      int p = x.cols();
      double[] y = set.y();
      double yMean = mean(y, 0, 1, n);
      if (p == 0 || n == 0) {
        return new LinearRegression(set.encoder(), new double[p], yMean);
      }
      double[] xMean = new double[p];
      for (int j = 0; j < p; j++) {
        xMean[j] = mean(x.data(), j, p, n);
      }
      DMatrixRMaj centred = new DMatrixRMaj(n, p);
      DMatrixRMaj target = new DMatrixRMaj(n, 1);
      for (int r = 0; r < n; r++) {
        for (int j = 0; j < p; j++) {
          centred.unsafe_set(r, j, x.data()[r * p + j] - xMean[j]);
        }
        target.unsafe_set(r, 0, y[r] - yMean);
      }
      DMatrixRMaj w = new DMatrixRMaj(p, 1);
      if (l2 == 0) {
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.pseudoInverse(true);
        if (!solver.setA(centred)) {
          throw new IllegalStateException("the SVD of the design matrix failed");
        }
        solver.solve(target, w);
      } else {
        DMatrixRMaj gram = new DMatrixRMaj(p, p);
        CommonOps_DDRM.multTransA(centred, centred, gram);
        for (int j = 0; j < p; j++) {
          gram.add(j, j, l2);
        }
        DMatrixRMaj moment = new DMatrixRMaj(p, 1);
        CommonOps_DDRM.multTransA(centred, target, moment);
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.symmPosDef(p);
        if (!solver.setA(gram)) {
          throw new IllegalStateException("X'X + l2 I is not positive definite");
        }
        solver.solve(moment, w);
      }
      double[] weights = new double[p];
      double b = yMean;
      for (int j = 0; j < p; j++) {
        weights[j] = w.get(j, 0);
        b -= weights[j] * xMean[j];
      }
      return new LinearRegression(set.encoder(), weights, b);
    }
  }

  private static double mean(double[] data, int offset, int stride, int n) {
    double s = 0;
    for (int r = 0; r < n; r++) {
      s += data[offset + r * stride];
    }
    return n == 0 ? Double.NaN : s / n;
  }

  /** The encoded feature names, in the order of {@link #coefficients()}. */
  public List<String> featureNames() {
    return encoder.featureNames();
  }

  /** The weight of each encoded feature; as scikit-learn's {@code coef_}. */
  public double[] coefficients() {
    return weights.clone();
  }

  /** As scikit-learn's {@code intercept_}. */
  public double intercept() {
    return intercept;
  }

  @Override
  public double[] predict(Table table) {
    FeatureMatrix x = encoder.transform(table);
    int p = x.cols();
    double[] out = new double[x.rows()];
    for (int r = 0; r < out.length; r++) {
      double s = intercept;
      for (int j = 0; j < p; j++) {
        s += weights[j] * x.data()[r * p + j];
      }
      out[r] = s;
    }
    return out;
  }
}
