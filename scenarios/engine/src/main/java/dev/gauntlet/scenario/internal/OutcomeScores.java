package dev.gauntlet.scenario.internal;

import dev.gauntlet.metrics.ClassificationMetrics;
import dev.gauntlet.model.ClassProbabilities;
import java.util.List;
import java.util.Set;

/**
 * The catalogue's outcome metrics (predicted classes and probabilities against true classes) of one
 * set of rows. Metrics of the predicted class (accuracy, precision, recall, F1, balanced accuracy)
 * use the decision rule: the first most probable class, or for a binary model with a threshold, the
 * positive class when its probability is at least the threshold. Probability metrics (ROC AUC, log
 * loss, Brier score, calibration) come from {@link ClassificationMetrics}.
 */
public final class OutcomeScores {
  /** Measured when a scenario lists no metrics. */
  public static final List<String> DEFAULT =
      List.of(
          "accuracy", "balanced_accuracy", "f1_macro", "roc_auc", "log_loss", "brier_score", "ece");

  /** Every outcome metric this class computes. */
  public static final Set<String> SUPPORTED =
      Set.of(
          "accuracy",
          "balanced_accuracy",
          "precision_macro",
          "recall_macro",
          "f1_macro",
          "precision_weighted",
          "recall_weighted",
          "f1_weighted",
          "roc_auc",
          "pr_auc",
          "log_loss",
          "brier_score",
          "ece",
          "mce",
          "overconfidence",
          "underconfidence");

  private static final Set<String> PROBABILITY_BASED =
      Set.of(
          "roc_auc",
          "pr_auc",
          "log_loss",
          "brier_score",
          "ece",
          "mce",
          "overconfidence",
          "underconfidence");

  /**
   * How a row's class is decided.
   *
   * @param positive the positive class's index for a binary threshold rule, or -1: the first most
   *     probable class
   * @param threshold the positive class's probability at or above which a row is positive
   */
  public record Decision(int positive, double threshold) {
    public static final Decision ARGMAX = new Decision(-1, Double.NaN);

    int classOf(ClassProbabilities p, int row) {
      if (positive < 0) {
        return p.argmax(row);
      }
      return p.get(row, positive) >= threshold ? positive : 1 - positive;
    }
  }

  private OutcomeScores() {}

  /** Whether an id needs the model's probabilities (not only its classes). */
  public static boolean needsProbabilities(String id) {
    return PROBABILITY_BASED.contains(id);
  }

  /** The metrics {@code ids}, in that order, of rows {@code rows} (null: all rows). */
  public static double[] compute(
      List<String> ids, int[] y, ClassProbabilities p, Decision decision, int[] rows) {
    int n = rows == null ? y.length : rows.length;
    int k = p.classCount();
    int[] yy = new int[n];
    int[] pred = new int[n];
    for (int i = 0; i < n; i++) {
      int r = rows == null ? i : rows[i];
      yy[i] = y[r];
      pred[i] = decision.classOf(p, r);
    }
    long[][] confusion = new long[k][k];
    for (int i = 0; i < n; i++) {
      confusion[yy[i]][pred[i]]++;
    }
    ClassificationMetrics probabilityMetrics = null;
    double[] out = new double[ids.size()];
    for (int m = 0; m < out.length; m++) {
      String id = ids.get(m);
      if (PROBABILITY_BASED.contains(id)) {
        if (probabilityMetrics == null) {
          probabilityMetrics = ClassificationMetrics.of(yy, rows == null ? p : take(p, rows));
        }
        out[m] = probability(id, probabilityMetrics);
      } else {
        out[m] = n == 0 ? Double.NaN : predicted(id, confusion, n);
      }
    }
    return out;
  }

  private static ClassProbabilities take(ClassProbabilities p, int[] rows) {
    int k = p.classCount();
    double[] flat = new double[rows.length * k];
    for (int i = 0; i < rows.length; i++) {
      for (int c = 0; c < k; c++) {
        flat[i * k + c] = p.get(rows[i], c);
      }
    }
    return ClassProbabilities.of(p.classes(), rows.length, flat);
  }

  private static double probability(String id, ClassificationMetrics m) {
    if (m.n() == 0) {
      return Double.NaN;
    }
    return switch (id) {
      case "roc_auc" -> m.rocAuc();
      case "pr_auc" -> m.prAuc();
      case "log_loss" -> m.logLoss();
      case "brier_score" -> m.classes().size() == 2 ? m.brier() : m.brierMulticlass();
      case "ece" -> m.calibration().ece();
      case "mce" -> m.calibration().mce();
      case "overconfidence" -> m.calibration().overconfidence();
      case "underconfidence" -> m.calibration().underconfidence();
      default -> throw new IllegalArgumentException("not a probability metric: " + id);
    };
  }

  /** Metrics of the confusion matrix, as scikit-learn defines them (zero division gives 0). */
  static double predicted(String id, long[][] c, long n) {
    int k = c.length;
    double[] precision = new double[k];
    double[] recall = new double[k];
    double[] f1 = new double[k];
    long[] support = new long[k];
    long hits = 0;
    for (int a = 0; a < k; a++) {
      long truth = 0;
      long predictedAs = 0;
      for (int b = 0; b < k; b++) {
        truth += c[a][b];
        predictedAs += c[b][a];
      }
      hits += c[a][a];
      support[a] = truth;
      precision[a] = predictedAs == 0 ? 0 : (double) c[a][a] / predictedAs;
      recall[a] = truth == 0 ? 0 : (double) c[a][a] / truth;
      double sum = precision[a] + recall[a];
      f1[a] = sum == 0 ? 0 : 2 * precision[a] * recall[a] / sum;
    }
    return switch (id) {
      case "accuracy" -> (double) hits / n;
      case "balanced_accuracy" -> {
        double s = 0;
        int present = 0;
        for (int a = 0; a < k; a++) {
          if (support[a] > 0) {
            s += recall[a];
            present++;
          }
        }
        yield present == 0 ? Double.NaN : s / present;
      }
      case "precision_macro" -> mean(precision);
      case "recall_macro" -> mean(recall);
      case "f1_macro" -> mean(f1);
      case "precision_weighted" -> weighted(precision, support, n);
      case "recall_weighted" -> weighted(recall, support, n);
      case "f1_weighted" -> weighted(f1, support, n);
      default -> throw new IllegalArgumentException("not an outcome metric: " + id);
    };
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  private static double weighted(double[] v, long[] support, long n) {
    double s = 0;
    for (int i = 0; i < v.length; i++) {
      s += v[i] * support[i];
    }
    return s / n;
  }
}
