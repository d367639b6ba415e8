package dev.gauntlet.scenario.internal;

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
  private final double[] logLoss;
  private final double[] brier;
  private final int[] bin;
  private final double[] confidence;
  private final boolean[] topCorrect;
  private final int[][] byScore; // per class scored for AUC: rows in increasing score order

  ResampledScores(
      List<String> ids, int[] y, ClassProbabilities p, OutcomeScores.Decision decision) {
    this.ids = ids;
    this.y = y;
    this.p = p;
    this.decision = decision;
    this.n = y.length;
    this.k = p.classCount();
    predicted = new int[n];
    for (int r = 0; r < n; r++) {
      predicted[r] = decision.classOf(p, r);
    }
    boolean probabilities = ids.stream().anyMatch(OutcomeScores::needsProbabilities);
    logLoss = new double[n];
    brier = new double[n];
    bin = new int[n];
    confidence = new double[n];
    topCorrect = new boolean[n];
    if (probabilities) {
      for (int r = 0; r < n; r++) {
        ClassificationMetrics one = ClassificationMetrics.of(new int[] {y[r]}, row(r));
        logLoss[r] = one.logLoss();
        brier[r] = k == 2 ? one.brier() : one.brierMulticlass();
        bin[r] = -1;
        List<Calibration.Bin> bins = one.calibration().bins();
        for (int b = 0; b < bins.size(); b++) {
          if (bins.get(b).count() == 1) {
            bin[r] = b;
            confidence[r] = bins.get(b).confidence();
            topCorrect[r] = bins.get(b).accuracy() == 1;
          }
        }
      }
    }
    byScore = new int[k][];
    if (ids.contains("roc_auc")) {
      for (int c = k == 2 ? 1 : 0; c < k; c++) {
        final int cls = c;
        byScore[c] =
            java.util.stream.IntStream.range(0, n)
                .boxed()
                .sorted((a, b) -> Double.compare(p.get(a, cls), p.get(b, cls)))
                .mapToInt(Integer::intValue)
                .toArray();
      }
    }
  }

  private ClassProbabilities row(int r) {
    double[] v = new double[k];
    for (int c = 0; c < k; c++) {
      v[c] = p.get(r, c);
    }
    return ClassProbabilities.of(p.classes(), 1, v);
  }

  /** The metrics, in the order of the ids, of the resample with these counts per row. */
  double[] of(int[] counts) {
    long total = 0;
    long[][] confusion = new long[k][k];
    double loss = 0;
    double brierSum = 0;
    long[] binCount = new long[Calibration.BINS];
    double[] binHits = new double[Calibration.BINS];
    double[] binConf = new double[Calibration.BINS];
    for (int r = 0; r < n; r++) {
      int w = counts[r];
      if (w == 0) {
        continue;
      }
      total += w;
      confusion[y[r]][predicted[r]] += w;
      loss += w * logLoss[r];
      brierSum += w * brier[r];
      if (bin[r] >= 0) {
        binCount[bin[r]] += w;
        binHits[bin[r]] += topCorrect[r] ? w : 0;
        binConf[bin[r]] += w * confidence[r];
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
    double below = 0; // negative weight with a lower score
    double sum = 0;
    double positives = 0;
    for (int i = 0; i < order.length; ) {
      double score = p.get(order[i], cls);
      double pos = 0;
      double neg = 0;
      int j = i;
      for (; j < order.length && p.get(order[j], cls) == score; j++) {
        int r = order[j];
        if (y[r] == cls) {
          pos += counts[r];
        } else {
          neg += counts[r];
        }
      }
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
