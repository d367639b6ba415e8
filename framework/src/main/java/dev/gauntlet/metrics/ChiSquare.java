package dev.gauntlet.metrics;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Pearson's chi-square test of homogeneity on a 2 x K table (two samples' counts over the same K
 * categories), as scipy's {@code chi2_contingency}: with {@code yates}, the observed counts move
 * half a unit towards the expected ones when there is one degree of freedom.
 *
 * @param statistic the chi-square statistic
 * @param pValue its upper-tail probability
 * @param dof degrees of freedom, K - 1
 */
public record ChiSquare(double statistic, double pValue, int dof) {

  /** Tests two count vectors over the same categories; needs K of at least 2. */
  public static ChiSquare of(long[] a, long[] b, boolean yates) {
    int k = a.length;
    if (k < 2) {
      return new ChiSquare(Double.NaN, Double.NaN, 0);
    }
    double totalA = 0;
    double totalB = 0;
    for (int i = 0; i < k; i++) {
      totalA += a[i];
      totalB += b[i];
    }
    double total = totalA + totalB;
    int dof = k - 1;
    double stat = 0;
    for (int i = 0; i < k; i++) {
      double column = a[i] + b[i];
      stat += term(a[i], totalA * column / total, yates && dof == 1);
      stat += term(b[i], totalB * column / total, yates && dof == 1);
    }
    double p = ChiSquaredDistribution.of(dof).survivalProbability(stat);
    return new ChiSquare(stat, p, dof);
  }

  private static double term(double observed, double expected, boolean yates) {
    double o = observed;
    if (yates) {
      double diff = expected - observed;
      o += Math.signum(diff) * Math.min(0.5, Math.abs(diff));
    }
    return (o - expected) * (o - expected) / expected;
  }
}
