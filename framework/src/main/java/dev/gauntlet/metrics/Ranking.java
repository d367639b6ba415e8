package dev.gauntlet.metrics;

import dev.gauntlet.internal.IndexSort;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.apache.commons.statistics.ranking.NaturalRanking;
import org.apache.commons.statistics.ranking.TiesStrategy;

/** Ranking metrics of scores against binary truth. */
public final class Ranking {
  /** Ranks from 1, ties sharing their average rank (NaN scores are not expected here). */
  private static final NaturalRanking AVERAGE_RANKS = new NaturalRanking(TiesStrategy.AVERAGE);

  private Ranking() {}

  /**
   * ROC AUC: the probability that a random positive scores above a random negative, ties counting
   * half (the Mann-Whitney form, equal to the trapezoidal area scikit-learn computes). NaN when
   * there are no positives or no negatives.
   */
  public static double rocAuc(double[] score, boolean[] positive) {
    long pos = 0;
    for (boolean b : positive) {
      pos += b ? 1 : 0;
    }
    long neg = score.length - pos;
    if (pos == 0 || neg == 0) {
      return Double.NaN;
    }
    double[] ranks = AVERAGE_RANKS.apply(score);
    double rankSum = 0;
    for (int i = 0; i < score.length; i++) {
      if (positive[i]) {
        rankSum += ranks[i];
      }
    }
    return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
  }

  /**
   * Average precision as scikit-learn computes it: {@code sum_n (R_n - R_(n-1)) P_n} over
   * decreasing score thresholds (each distinct score one threshold). NaN without positives.
   */
  public static double averagePrecision(double[] score, boolean[] positive) {
    int n = score.length;
    int[] order = orderByScore(score);
    long totalPos = 0;
    for (boolean b : positive) {
      totalPos += b ? 1 : 0;
    }
    if (totalPos == 0) {
      return Double.NaN;
    }
    double ap = 0;
    double previousRecall = 0;
    long tp = 0;
    long fp = 0;
    int i = n - 1;
    while (i >= 0) {
      int j = i;
      while (j - 1 >= 0 && score[order[j - 1]] == score[order[i]]) {
        j--;
      }
      for (int t = j; t <= i; t++) {
        if (positive[order[t]]) {
          tp++;
        } else {
          fp++;
        }
      }
      double recall = (double) tp / totalPos;
      double precision = (double) tp / (tp + fp);
      ap += (recall - previousRecall) * precision;
      previousRecall = recall;
      i = j - 1;
    }
    return ap;
  }

  /** Row indices sorted by ascending score. */
  private static int[] orderByScore(double[] score) {
    int[] order = PermutationSampler.natural(score.length);
    IndexSort.byValue(order, score, 0, new int[score.length]);
    return order;
  }
}
