package dev.gauntlet.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * How a synthetic categorical column compares with the real one, over the sorted union of the
 * categories present on either side (compared as text, so "1" and "1.0" differ). Missing values are
 * dropped first.
 *
 * @param categories the categories, sorted
 * @param countsReal real rows per category
 * @param countsSynthetic synthetic rows per category
 * @param tvDistance total variation distance
 * @param chi2 chi-square test of homogeneity with Yates' correction at one degree of freedom
 *     (scipy's default)
 * @param chi2NoCorrection the plain Pearson chi-square test
 * @param jsDistance Jensen-Shannon distance, base 2
 * @param psi population stability index over the categories, real as reference
 * @param shapeScore SDMetrics' TVComplement: 1 - the total variation distance, a category seen only
 *     in the synthetic data counted 1e-6 times in the real data; NaN when a side is empty
 */
public record CategoricalFidelity(
    List<String> categories,
    long[] countsReal,
    long[] countsSynthetic,
    double tvDistance,
    ChiSquare chi2,
    ChiSquare chi2NoCorrection,
    double jsDistance,
    Psi psi,
    double shapeScore)
    implements ColumnFidelity {

  /** Compares two columns of category text; null marks a missing value. */
  public static CategoricalFidelity of(String[] real, String[] synthetic) {
    TreeSet<String> union = new TreeSet<>();
    for (String v : real) {
      if (v != null) {
        union.add(v);
      }
    }
    for (String v : synthetic) {
      if (v != null) {
        union.add(v);
      }
    }
    List<String> categories = List.copyOf(union);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < categories.size(); i++) {
      index.put(categories.get(i), i);
    }
    return ofCounts(
        categories,
        count(real, index, categories.size()),
        count(synthetic, index, categories.size()));
  }

  /**
   * The figures from counts already made (by Spark's aggregation in gauntlet-spark, say): {@code
   * categories} sorted as {@link #of} sorts them, with each side's rows per category.
   */
  public static CategoricalFidelity ofCounts(List<String> categories, long[] a, long[] b) {
    if (a.length != categories.size() || b.length != categories.size()) {
      throw new IllegalArgumentException(
          categories.size() + " categories, " + a.length + " and " + b.length + " counts");
    }
    categories = List.copyOf(categories);
    boolean empty = sum(a) == 0 || sum(b) == 0;
    return new CategoricalFidelity(
        categories,
        a,
        b,
        empty ? Double.NaN : Distances.totalVariation(a, b),
        ChiSquare.of(a, b, true),
        ChiSquare.of(a, b, false),
        empty ? Double.NaN : Distances.jensenShannon(a, b),
        empty ? new Psi(Double.NaN, new double[0], a, b) : Psi.categorical(a, b),
        QualityReport.tvComplement(a, b));
  }

  public long nReal() {
    return sum(countsReal);
  }

  public long nSynthetic() {
    return sum(countsSynthetic);
  }

  private static long[] count(String[] values, Map<String, Integer> index, int k) {
    long[] c = new long[k];
    for (String v : values) {
      if (v != null) {
        c[index.get(v)]++;
      }
    }
    return c;
  }

  private static long sum(long[] c) {
    long s = 0;
    for (long v : c) {
      s += v;
    }
    return s;
  }
}
