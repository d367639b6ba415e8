package dev.gauntlet.scenario.internal;

import dev.gauntlet.internal.IndexSort;
import dev.gauntlet.metrics.Calibration;
import dev.gauntlet.metrics.ClassificationMetrics;
import dev.gauntlet.model.ClassProbabilities;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome metrics of bootstrap resamples, fast: a resample is a count per row (how often it was
 * drawn), and each metric a weighted sum over rows of figures computed once per row (correct or
 * not, log loss, Brier term, calibration bin) or, for ROC AUC, a weighted Mann-Whitney count over
 * rows sorted once by score. A resample's figure equals the figure of the resampled rows written
 * out (a drawn-twice row counts twice; tied scores count one half, as in scikit-learn). Average
 * precision has no such form here: it is computed on the resampled rows written out.
 */
final class ResampledScores {
  private final List<String> ids;
  private final int[] y;
  private final ClassProbabilities p;
  private final OutcomeScores.Decision decision;
  private final int n;
  private final int k;
  private final int[] predicted;
  private final int[] cell; // the row's cell of the confusion matrix, true class * k + predicted
  private final boolean probabilities;
  private final double[] hit; // 1 where the top class is right, else 0
  private final double[] logLoss;
  private final double[] brier;
  private final int[] bin;
  private final double[] confidence;
  // per class scored for AUC: rows in increasing score order, whether each is of the class, and
  // where each run of tied scores ends (exclusive), so a resample touches no probabilities
  private final int[][] byScore;
  private final int[][] positiveByScore; // -1 (all bits) where of the class, else 0
  private final int[][] tieEnds;

  /**
   * The per-row figures are those of {@link ClassificationMetrics} on the one row (same
   * expressions, so the same doubles): log loss with scikit-learn's clipping, the Brier term, the
   * top-label confidence and its calibration bin.
   */
  ResampledScores(
      List<String> ids, int[] y, ClassProbabilities p, OutcomeScores.Decision decision) {
    this.ids = ids;
    this.y = y;
    this.p = p;
    this.decision = decision;
    this.n = y.length;
    this.k = p.classCount();
    predicted = new int[n];
    cell = new int[n];
    for (int r = 0; r < n; r++) {
      predicted[r] = decision.classOf(p, r);
      cell[r] = y[r] * k + predicted[r];
    }
    probabilities = ids.stream().anyMatch(OutcomeScores::needsProbabilities);
    logLoss = new double[n];
    brier = new double[n];
    bin = new int[n];
    confidence = new double[n];
    hit = new double[n];
    if (probabilities) {
      double eps = ClassificationMetrics.LOG_LOSS_EPS;
      for (int r = 0; r < n; r++) {
        double clippedSum = 0;
        double squares = 0;
        for (int c = 0; c < k; c++) {
          double v = p.get(r, c);
          clippedSum += Math.min(Math.max(v, eps), 1 - eps);
          double target = c == y[r] ? 1 : 0;
          squares += (v - target) * (v - target);
        }
        logLoss[r] = -Math.log(Math.min(Math.max(p.get(r, y[r]), eps), 1 - eps) / clippedSum);
        if (k == 2) {
          double target = y[r] == 1 ? 1 : 0;
          brier[r] = (p.get(r, 1) - target) * (p.get(r, 1) - target);
        } else {
          brier[r] = squares;
        }
        int top = p.argmax(r);
        double c = p.get(r, top);
        bin[r] = Calibration.binOf(c, r);
        // within the tolerance Calibration clamps into [0, 1]
        confidence[r] = Math.min(Math.max(c, 0), 1);
        hit[r] = top == y[r] ? 1 : 0;
      }
    }
    byScore = new int[k][];
    positiveByScore = new int[k][];
    tieEnds = new int[k][];
    if (ids.contains("roc_auc")) {
      int[] temp = new int[n];
      for (int c = k == 2 ? 1 : 0; c < k; c++) {
        double[] score = p.column(c);
        int[] order = new int[n];
        for (int r = 0; r < n; r++) {
          order[r] = r;
        }
        IndexSort.byValue(order, score, 0, temp);
        int[] positive = new int[n];
        int[] ends = new int[n];
        for (int i = 0; i < n; i++) {
          positive[i] = y[order[i]] == c ? -1 : 0;
        }
        for (int i = n - 1; i >= 0; i--) {
          ends[i] = i + 1 < n && score[order[i + 1]] == score[order[i]] ? ends[i + 1] : i + 1;
        }
        byScore[c] = order;
        positiveByScore[c] = positive;
        tieEnds[c] = ends;
      }
    }
  }

  /**
   * The metrics, in the order of the ids, of the resample with these counts per row. Rows drawn no
   * time add zeros rather than being skipped: the same sums, without a branch the processor cannot
   * predict (a third of the rows).
   */
  double[] of(int[] counts) {
    long total = 0;
    long[] cells = new long[k * k];
    for (int r = 0; r < n; r++) {
      int w = counts[r];
      total += w;
      cells[cell[r]] += w;
    }
    long[][] confusion = new long[k][k];
    for (int t = 0; t < k; t++) {
      System.arraycopy(cells, t * k, confusion[t], 0, k);
    }
    double loss = 0;
    double brierSum = 0;
    long[] binCount = new long[Calibration.BINS];
    double[] binHits = new double[Calibration.BINS];
    double[] binConf = new double[Calibration.BINS];
    if (probabilities) {
      for (int r = 0; r < n; r++) {
        int w = counts[r];
        loss += w * logLoss[r];
        brierSum += w * brier[r];
        int b = bin[r];
        binCount[b] += w;
        binHits[b] += hit[r] * w;
        binConf[b] += w * confidence[r];
      }
    }
    double[] out = new double[ids.size()];
    for (int m = 0; m < out.length; m++) {
      String id = ids.get(m);
      out[m] =
          total == 0
              ? Double.NaN
              : switch (id) {
                case "log_loss" -> loss / total;
                case "brier_score" -> brierSum / total;
                case "ece", "mce", "overconfidence", "underconfidence" ->
                    calibration(id, binCount, binHits, binConf, total);
                case "roc_auc" -> rocAuc(counts);
                case "pr_auc" -> prAuc(counts);
                default -> OutcomeScores.predicted(id, confusion, total);
              };
    }
    return out;
  }

  private static double calibration(
      String id, long[] count, double[] hits, double[] conf, long total) {
    double ece = 0;
    double mce = 0;
    double over = 0;
    double under = 0;
    for (int b = 0; b < count.length; b++) {
      if (count[b] == 0) {
        continue;
      }
      double acc = hits[b] / count[b];
      double c = conf[b] / count[b];
      double share = (double) count[b] / total;
      ece += share * Math.abs(acc - c);
      mce = Math.max(mce, Math.abs(acc - c));
      over += share * Math.max(c - acc, 0);
      under += share * Math.max(acc - c, 0);
    }
    return switch (id) {
      case "ece" -> ece;
      case "mce" -> mce;
      case "overconfidence" -> over;
      default -> under;
    };
  }

  private double rocAuc(int[] counts) {
    if (k == 2) {
      return auc(1, counts);
    }
    double s = 0;
    for (int c = 0; c < k; c++) {
      double a = auc(c, counts);
      if (Double.isNaN(a)) {
        return Double.NaN;
      }
      s += a;
    }
    return s / k;
  }

  /** One-vs-rest AUC of a class: weighted pairs (positive above negative, ties one half). */
  private double auc(int cls, int[] counts) {
    int[] order = byScore[cls];
    int[] positive = positiveByScore[cls];
    int[] ends = tieEnds[cls];
    double below = 0; // negative weight with a lower score
    double sum = 0;
    double positives = 0;
    for (int i = 0; i < n; ) {
      // integer counts: summed exactly, as doubles or longs alike
      long all = 0;
      long pos = 0;
      int j = i;
      for (int end = ends[i]; j < end; j++) {
        int c = counts[order[j]];
        all += c;
        pos += c & positive[j];
      }
      long neg = all - pos;
      sum += pos * (below + 0.5 * neg);
      below += neg;
      positives += pos;
      i = j;
    }
    return positives == 0 || below == 0 ? Double.NaN : sum / (positives * below);
  }

  private double prAuc(int[] counts) {
    List<Integer> rows = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < counts[r]; c++) {
        rows.add(r);
      }
    }
    int[] idx = rows.stream().mapToInt(Integer::intValue).toArray();
    return OutcomeScores.compute(List.of("pr_auc"), y, p, decision, idx)[0];
  }
}
