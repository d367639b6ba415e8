package dev.gauntlet.metrics;

import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.Column;
import dev.gauntlet.data.ColumnSpec;
import dev.gauntlet.data.IdColumns;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Per-column data drift between a reference table and a current one, with Evidently's documented
 * defaults:
 *
 * <ul>
 *   <li>reference of at most 1000 rows: numeric columns with more than 5 distinct values use the
 *       two-sample KS test, every other column the chi-square goodness-of-fit test of the current
 *       counts against the reference proportions; drift when p &lt; 0.05.
 *   <li>larger reference: numeric columns with more than 5 distinct values use the Wasserstein-1
 *       distance divided by the reference's standard deviation (ddof 0, at least 0.001), every
 *       other column the Jensen-Shannon distance (natural log, zero proportions raised to 1e-4);
 *       drift when the figure is at least 0.1.
 * </ul>
 *
 * Evidently uses a proportion z-test for binary columns of small samples; Gauntlet uses chi-square
 * there too. Missing values are dropped. The dataset drifts when the share of drifted columns is at
 * least {@code datasetShare} (0.5 by default).
 *
 * @param columns per-column results, in the reference table's order
 * @param shareDrifted the share of columns that drifted
 * @param datasetDrift whether that share reaches the dataset threshold
 */
public record Drift(Map<String, ColumnDrift> columns, double shareDrifted, boolean datasetDrift) {

  /** The statistical tests drift can use. */
  public enum Test {
    KS("ks", true),
    CHI_SQUARE("chisquare", true),
    WASSERSTEIN("wasserstein", false),
    JENSEN_SHANNON("jensenshannon", false);

    private final String id;
    private final boolean pValue;

    Test(String id, boolean pValue) {
      this.id = id;
      this.pValue = pValue;
    }

    public String id() {
      return id;
    }

    /** True when the figure is a p-value (drift below the threshold), else a distance. */
    public boolean isPValue() {
      return pValue;
    }

    /** True for tests of numbers (KS, Wasserstein), which categorical columns cannot take. */
    public boolean numericOnly() {
      return this == KS || this == WASSERSTEIN;
    }
  }

  /**
   * @param test the test used
   * @param statistic the p-value or the distance
   * @param threshold drift when the p-value is below it, or the distance at least it
   * @param drifted the verdict
   */
  public record ColumnDrift(Test test, double statistic, double threshold, boolean drifted) {}

  /**
   * Settings: a test forced on every column (null = Evidently's choice per column), thresholds,
   * Bonferroni correction of p-value thresholds, and the dataset share.
   *
   * @param forcedTest the test for every column it applies to, or null to choose per column; a
   *     numeric test (KS, Wasserstein) applies to numeric columns only, and categorical columns
   *     keep Evidently's choice (as Evidently's {@code num_stattest} does)
   * @param pValueThreshold for KS and chi-square
   * @param distanceThreshold for Wasserstein and Jensen-Shannon
   * @param bonferroni divide the p-value threshold by the number of columns
   * @param datasetShare the share of drifted columns at which the dataset drifts
   */
  public record Options(
      Test forcedTest,
      double pValueThreshold,
      double distanceThreshold,
      boolean bonferroni,
      double datasetShare) {
    public static Options defaults() {
      return new Options(null, 0.05, 0.1, false, 0.5);
    }

    public Options withTest(Test test) {
      return new Options(test, pValueThreshold, distanceThreshold, bonferroni, datasetShare);
    }

    public Options withBonferroni(boolean on) {
      return new Options(forcedTest, pValueThreshold, distanceThreshold, on, datasetShare);
    }
  }

  /** Small-sample bound of Evidently's defaults, on the reference row count. */
  public static final int SMALL_SAMPLE = 1000;

  private static final double JS_FLOOR = 1e-4;

  public static Drift of(Table reference, Table current, Options options) {
    Table referenceData = IdColumns.withoutIds(reference, current); // ids are no data
    current = IdColumns.withoutIds(current, reference);
    reference = referenceData;
    Map<String, ColumnDrift> out = new LinkedHashMap<>();
    int m = reference.columnCount();
    boolean small = reference.rowCount() <= SMALL_SAMPLE;
    double pThreshold =
        options.bonferroni()
            ? options.pValueThreshold() / Math.max(m, 1)
            : options.pValueThreshold();
    int drifted = 0;
    for (ColumnSpec spec : reference.schema().columns()) {
      Column ref = reference.column(spec.name());
      Column cur = current.column(spec.name());
      String[] refText = null;
      String[] curText = null;
      boolean continuous = false;
      double[] a = null;
      double[] b = null;
      if (ref instanceof NumericColumn rn) {
        a = Samples.present(rn.values());
        b = Samples.present(((NumericColumn) cur).values());
        continuous = Arrays.stream(a).distinct().limit(6).count() > 5;
      }
      Test test = options.forcedTest();
      if (test == null || (test.numericOnly() && a == null)) {
        test =
            small
                ? (continuous ? Test.KS : Test.CHI_SQUARE)
                : (continuous ? Test.WASSERSTEIN : Test.JENSEN_SHANNON);
      }
      if (test == Test.CHI_SQUARE || test == Test.JENSEN_SHANNON) {
        refText = text(ref);
        curText = text(cur);
      }
      double statistic =
          switch (test) {
            case KS -> KsTest.of(a, b).pValue();
            case WASSERSTEIN -> {
              double sd = Math.sqrt(populationVariance(a));
              yield Distances.wasserstein(a, b) / Math.max(sd, 0.001);
            }
            case CHI_SQUARE -> chiSquareGoodnessOfFit(refText, curText);
            case JENSEN_SHANNON -> jensenShannonFloored(refText, curText);
          };
      double threshold = test.isPValue() ? pThreshold : options.distanceThreshold();
      boolean isDrift = test.isPValue() ? statistic < threshold : statistic >= threshold;
      drifted += isDrift ? 1 : 0;
      out.put(spec.name(), new ColumnDrift(test, statistic, threshold, isDrift));
    }
    double share = m == 0 ? 0 : (double) drifted / m;
    return new Drift(out, share, m > 0 && share >= options.datasetShare());
  }

  /**
   * Evidently's chi-square: the current counts against the reference proportions scaled to the
   * current size, over the union of categories; a category absent from the reference makes the
   * statistic infinite (p = 0).
   */
  static double chiSquareGoodnessOfFit(String[] reference, String[] current) {
    Map<String, long[]> counts = counts(reference, current);
    long nRef = Arrays.stream(reference).filter(v -> v != null).count();
    long nCur = Arrays.stream(current).filter(v -> v != null).count();
    if (nRef == 0 || nCur == 0 || counts.size() < 2) {
      return counts.size() < 2 && nRef > 0 && nCur > 0 ? 1.0 : Double.NaN;
    }
    double k = (double) nCur / nRef;
    double stat = 0;
    for (long[] c : counts.values()) {
      double expected = c[0] * k;
      double d = c[1] - expected;
      stat += expected == 0 ? (c[1] == 0 ? 0 : Double.POSITIVE_INFINITY) : d * d / expected;
    }
    return ChiSquaredDistribution.of(counts.size() - 1).survivalProbability(stat);
  }

  /** Evidently's Jensen-Shannon distance: natural log, zero proportions raised to 1e-4. */
  static double jensenShannonFloored(String[] reference, String[] current) {
    Map<String, long[]> counts = counts(reference, current);
    long nRef = Arrays.stream(reference).filter(v -> v != null).count();
    long nCur = Arrays.stream(current).filter(v -> v != null).count();
    if (nRef == 0 || nCur == 0) {
      return Double.NaN;
    }
    int k = counts.size();
    double[] p = new double[k];
    double[] q = new double[k];
    int i = 0;
    for (long[] c : counts.values()) {
      p[i] = c[0] == 0 ? JS_FLOOR : (double) c[0] / nRef;
      q[i] = c[1] == 0 ? JS_FLOOR : (double) c[1] / nCur;
      i++;
    }
    // scipy's jensenshannon renormalises each side to sum 1
    double sp = Arrays.stream(p).sum();
    double sq = Arrays.stream(q).sum();
    double s = 0;
    for (i = 0; i < k; i++) {
      double pi = p[i] / sp;
      double qi = q[i] / sq;
      double mi = (pi + qi) / 2;
      s += pi * Math.log(pi / mi) + qi * Math.log(qi / mi);
    }
    return Math.sqrt(Math.max(0, s / 2));
  }

  private static Map<String, long[]> counts(String[] reference, String[] current) {
    TreeSet<String> keys = new TreeSet<>();
    Map<String, long[]> counts = new HashMap<>();
    for (String v : reference) {
      if (v != null) {
        keys.add(v);
        counts.computeIfAbsent(v, x -> new long[2])[0]++;
      }
    }
    for (String v : current) {
      if (v != null) {
        keys.add(v);
        counts.computeIfAbsent(v, x -> new long[2])[1]++;
      }
    }
    Map<String, long[]> ordered = new LinkedHashMap<>();
    for (String key : keys) {
      ordered.put(key, counts.get(key));
    }
    return ordered;
  }

  private static String[] text(Column c) {
    String[] out = new String[c.size()];
    for (int r = 0; r < out.length; r++) {
      out[r] = c.isMissing(r) ? null : c instanceof CategoricalColumn k ? k.level(r) : c.format(r);
    }
    return out;
  }

  private static double populationVariance(double[] x) {
    if (x.length == 0) {
      return Double.NaN;
    }
    double m = Samples.mean(x);
    double ss = 0;
    for (double v : x) {
      ss += (v - m) * (v - m);
    }
    return ss / x.length;
  }
}
