package dev.gauntlet.metrics;

import dev.gauntlet.model.ClassProbabilities;
import java.util.Arrays;
import java.util.List;

/**
 * Performance and calibration of class probabilities against true classes, with scikit-learn's
 * definitions (1.2): the predicted class is the first most probable one; precision, recall and F1
 * of a class with no predicted (or no true) rows are 0; macro averages run over every class; for
 * two classes the positive class is the second.
 *
 * @param classes class names, in probability-column order
 * @param n rows
 * @param accuracy share of rows whose predicted class is the true one ({@link Accuracy})
 * @param precision per class
 * @param recall per class
 * @param f1 per class
 * @param support true rows per class
 * @param precisionMacro unweighted mean over classes
 * @param recallMacro unweighted mean over classes
 * @param f1Macro unweighted mean over classes
 * @param precisionWeighted mean weighted by support
 * @param recallWeighted mean weighted by support
 * @param f1Weighted mean weighted by support
 * @param rocAuc binary: ROC AUC of the positive class; more classes: one-vs-rest macro average; NaN
 *     when a class has no rows or all rows
 * @param rocAucPerClass one-vs-rest AUC of each class
 * @param prAuc average precision (scikit-learn's step-wise PR AUC) of the positive class, or the
 *     one-vs-rest macro average
 * @param logLoss scikit-learn's log loss: probabilities clipped to [2.22e-16, 1 - 2.22e-16] and
 *     rows renormalised
 * @param logLossRaw the mean of -ln p(true class) unclipped (infinite if one is 0)
 * @param brier binary: mean (p_pos - y)^2; more classes: the multi-class form below
 * @param brierMulticlass mean over rows of sum_k (p_k - 1[y = k])^2
 * @param calibration top-label calibration, bins (lo, hi]
 * @param calibrationLeftClosed the same with bins [lo, hi)
 * @param confusion {@code confusion[true][predicted]} row counts
 */
public record ClassificationMetrics(
    List<String> classes,
    int n,
    double accuracy,
    double[] precision,
    double[] recall,
    double[] f1,
    long[] support,
    double precisionMacro,
    double recallMacro,
    double f1Macro,
    double precisionWeighted,
    double recallWeighted,
    double f1Weighted,
    double rocAuc,
    double[] rocAucPerClass,
    double prAuc,
    double logLoss,
    double logLossRaw,
    double brier,
    double brierMulticlass,
    Calibration calibration,
    Calibration calibrationLeftClosed,
    long[][] confusion) {

  /** scikit-learn's clipping bound for log loss: numpy's float64 machine epsilon. */
  public static final double LOG_LOSS_EPS = Math.ulp(1.0);

  /**
   * @param y each row's true class index into {@code p.classes()}
   * @param p probabilities per row and class
   */
  public static ClassificationMetrics of(int[] y, ClassProbabilities p) {
    int n = y.length;
    int k = p.classCount();
    if (p.rows() != n) {
      throw new IllegalArgumentException(n + " labels for " + p.rows() + " rows of probabilities");
    }
    long[][] confusion = new long[k][k];
    double[] confidence = new double[n];
    boolean[] correct = new boolean[n];
    double logLoss = 0;
    double logLossRaw = 0;
    double brierMulti = 0;
    for (int r = 0; r < n; r++) {
      int pred = p.argmax(r);
      confusion[y[r]][pred]++;
      confidence[r] = p.get(r, pred);
      correct[r] = pred == y[r];
      double clippedSum = 0;
      for (int c = 0; c < k; c++) {
        clippedSum += clip(p.get(r, c));
        double target = c == y[r] ? 1 : 0;
        brierMulti += (p.get(r, c) - target) * (p.get(r, c) - target);
      }
      logLoss -= Math.log(clip(p.get(r, y[r])) / clippedSum);
      logLossRaw -= Math.log(p.get(r, y[r]));
    }
    long hits = 0;
    for (int c = 0; c < k; c++) {
      hits += confusion[c][c];
    }
    double[] precision = new double[k];
    double[] recall = new double[k];
    double[] f1 = new double[k];
    long[] support = new long[k];
    for (int c = 0; c < k; c++) {
      long tp = confusion[c][c];
      long predicted = 0;
      for (int t = 0; t < k; t++) {
        predicted += confusion[t][c];
        support[c] += confusion[c][t];
      }
      precision[c] = predicted == 0 ? 0 : (double) tp / predicted;
      recall[c] = support[c] == 0 ? 0 : (double) tp / support[c];
      long denominator = predicted + support[c];
      f1[c] = denominator == 0 ? 0 : 2.0 * tp / denominator;
    }
    double[] aucPerClass = new double[k];
    double[] apPerClass = new double[k];
    for (int c = 0; c < k; c++) {
      boolean[] positive = new boolean[n];
      for (int r = 0; r < n; r++) {
        positive[r] = y[r] == c;
      }
      double[] score = p.column(c);
      aucPerClass[c] = Ranking.rocAuc(score, positive);
      apPerClass[c] = Ranking.averagePrecision(score, positive);
    }
    double brier;
    if (k == 2) {
      double s = 0;
      for (int r = 0; r < n; r++) {
        double target = y[r] == 1 ? 1 : 0;
        s += (p.get(r, 1) - target) * (p.get(r, 1) - target);
      }
      brier = s / n;
    } else {
      brier = brierMulti / n;
    }
    return new ClassificationMetrics(
        p.classes(),
        n,
        Accuracy.share(hits, n),
        precision,
        recall,
        f1,
        support,
        mean(precision),
        mean(recall),
        mean(f1),
        weighted(precision, support),
        weighted(recall, support),
        weighted(f1, support),
        k == 2 ? aucPerClass[1] : mean(aucPerClass),
        aucPerClass,
        k == 2 ? apPerClass[1] : mean(apPerClass),
        logLoss / n,
        logLossRaw / n,
        brier,
        brierMulti / n,
        Calibration.of(confidence, correct, false),
        Calibration.of(confidence, correct, true),
        confusion);
  }

  private static double clip(double v) {
    return Math.min(Math.max(v, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
  }

  private static double mean(double[] v) {
    return Arrays.stream(v).average().orElse(Double.NaN);
  }

  private static double weighted(double[] v, long[] w) {
    double s = 0;
    long total = 0;
    for (int i = 0; i < v.length; i++) {
      s += v[i] * w[i];
      total += w[i];
    }
    return total == 0 ? Double.NaN : s / total;
  }
}
