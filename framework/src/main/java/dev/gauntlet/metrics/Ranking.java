package dev.gauntlet.metrics;

/** Ranking metrics of scores against binary truth. */
public final class Ranking {
  private Ranking() {}

  /**
   * ROC AUC: the probability that a random positive scores above a random negative, ties counting
   * half (the Mann-Whitney form, equal to the trapezoidal area scikit-learn computes). NaN when
   * there are no positives or no negatives.
   */
  public static double rocAuc(double[] score, boolean[] positive) {
    int n = score.length;
    int[] order = orderByScore(score);
    long pos = 0;
    for (boolean b : positive) {
      pos += b ? 1 : 0;
    }
    long neg = n - pos;
    if (pos == 0 || neg == 0) {
      return Double.NaN;
    }
    // ascending scores; average rank over ties
    double rankSum = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && score[order[j + 1]] == score[order[i]]) {
        j++;
      }
      double averageRank = (i + j) / 2.0 + 1;
      for (int t = i; t <= j; t++) {
        if (positive[order[t]]) {
          rankSum += averageRank;
        }
      }
      i = j + 1;
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
    return java.util.stream.IntStream.range(0, score.length)
        .boxed()
        .sorted((a, b) -> Double.compare(score[a], score[b]))
        .mapToInt(Integer::intValue)
        .toArray();
  }
}
