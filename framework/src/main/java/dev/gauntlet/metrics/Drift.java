package dev.gauntlet.metrics;

import static dev.gauntlet.UserInputException.quote;

import dev.gauntlet.UserInputException;
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
 * there too. Missing values are dropped. A column whose test cannot be computed (all values missing
 * on a side) is {@link Verdict#UNDETERMINED}, with the reason, never "not drifted". The dataset
 * drifts when the share of drifted columns (of all columns, undetermined ones included) is at least
 * {@code datasetShare} (0.5 by default).
 *
 * <p>A column numeric in one table and categorical in the other is a user error: read both with the
 * same type.
 *
 * @param columns per-column results, in the reference table's order
 * @param shareDrifted the share of columns that drifted
 * @param datasetDrift whether that share reaches the dataset threshold
 * @param options the settings used
 * @param pValueThreshold the p-value threshold applied, after any Bonferroni correction
 */
public record Drift(
    Map<String, ColumnDrift> columns,
    double shareDrifted,
    boolean datasetDrift,
    Options options,
    double pValueThreshold) {

  /** What a column's test says. */
  public enum Verdict {
    DRIFTED("drifted"),
    NOT_DRIFTED("not drifted"),
    /** The test could not be computed, such as on a column with no value on one side. */
    UNDETERMINED("undetermined");

    private final String text;

    Verdict(String text) {
      this.text = text;
    }

    /** As reports print it: {@code drifted}, {@code not drifted}, {@code undetermined}. */
    public String text() {
      return text;
    }
  }

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
   * @param forced whether {@link Options#forcedTest} chose it (else Evidently's choice per column)
   * @param statistic the test's statistic: the KS distance D, the chi-square statistic, the
   *     normalized Wasserstein distance or the Jensen-Shannon distance; NaN when undetermined
   * @param pValue the p-value of KS and chi-square; NaN for the distance tests
   * @param threshold drift when the p-value is below it (KS, chi-square), or the statistic at least
   *     it (Wasserstein, Jensen-Shannon)
   * @param verdict drifted, not drifted, or undetermined
   * @param reason why the verdict is undetermined; null otherwise
   */
  public record ColumnDrift(
      Test test,
      boolean forced,
      double statistic,
      double pValue,
      double threshold,
      Verdict verdict,
      String reason) {

    /** True when the column drifted (false when it did not, or when that is undetermined). */
    public boolean drifted() {
      return verdict == Verdict.DRIFTED;
    }

    /** The figure compared with the threshold: the p-value or the distance. */
    public double decisive() {
      return test.isPValue() ? pValue : statistic;
    }
  }

  /**
   * Settings: a test forced on every column (null = Evidently's choice per column), thresholds,
   * Bonferroni correction of p-value thresholds, and the dataset share.
   *
   * @param forcedTest the test for every column it applies to, or null to choose per column; a
   *     numeric test (KS, Wasserstein) applies to numeric columns only, and categorical columns
   *     keep Evidently's choice (as Evidently's {@code num_stattest} does)
   * @param pValueThreshold for KS and chi-square
   * @param distanceThreshold for Wasserstein and Jensen-Shannon
   * @param bonferroni divide the p-value threshold by the number of columns; it changes only the
   *     columns tested by p-value (KS, chi-square), not those tested by a distance
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
      if ((ref instanceof NumericColumn) != (cur instanceof NumericColumn)) {
        throw new UserInputException(
            "drift, column " + quote(spec.name()),
            spec.type().id()
                + " in the reference table, "
                + current.schema().spec(spec.name()).type().id()
                + " in the current one",
            "the same column type in both tables",
            "read the column with the same type in both (force it numeric or categorical),"
                + " or correct the values that make one side text");
      }
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
      boolean forced = test != null && !(test.numericOnly() && a == null);
      if (!forced) {
        test =
            small
                ? (continuous ? Test.KS : Test.CHI_SQUARE)
                : (continuous ? Test.WASSERSTEIN : Test.JENSEN_SHANNON);
      }
      if (test == Test.CHI_SQUARE || test == Test.JENSEN_SHANNON) {
        refText = text(ref);
        curText = text(cur);
      }
      double statistic;
      double pValue = Double.NaN;
      switch (test) {
        case KS -> {
          KsTest ks = KsTest.of(a, b);
          statistic = ks.statistic();
          pValue = ks.pValue();
        }
        case WASSERSTEIN -> {
          double sd = Math.sqrt(populationVariance(a));
          statistic = Distances.wasserstein(a, b) / Math.max(sd, 0.001);
        }
        case CHI_SQUARE -> {
          double[] chi = chiSquareGoodnessOfFit(refText, curText);
          statistic = chi[0];
          pValue = chi[1];
        }
        case JENSEN_SHANNON -> statistic = jensenShannonFloored(refText, curText);
        default -> throw new IllegalStateException(test.toString());
      }
      double threshold = test.isPValue() ? pThreshold : options.distanceThreshold();
      double decisive = test.isPValue() ? pValue : statistic;
      Verdict verdict;
      String reason = null;
      if (Double.isNaN(decisive)) {
        verdict = Verdict.UNDETERMINED;
        reason = undeterminedReason(ref, cur);
      } else {
        boolean isDrift = test.isPValue() ? decisive < threshold : decisive >= threshold;
        verdict = isDrift ? Verdict.DRIFTED : Verdict.NOT_DRIFTED;
      }
      drifted += verdict == Verdict.DRIFTED ? 1 : 0;
      out.put(
          spec.name(),
          new ColumnDrift(test, forced, statistic, pValue, threshold, verdict, reason));
    }
    double share = m == 0 ? 0 : (double) drifted / m;
    return new Drift(out, share, m > 0 && share >= options.datasetShare(), options, pThreshold);
  }

  /** The columns tested with {@code test}, in table order. */
  public java.util.List<String> columnsTestedWith(Test test) {
    return columns.entrySet().stream()
        .filter(e -> e.getValue().test() == test)
        .map(Map.Entry::getKey)
        .toList();
  }

  /** The number of columns whose verdict is {@code verdict}. */
  public long count(Verdict verdict) {
    return columns.values().stream().filter(c -> c.verdict() == verdict).count();
  }

  private static String undeterminedReason(Column ref, Column cur) {
    boolean refEmpty = ref.missingCount() == ref.size();
    boolean curEmpty = cur.missingCount() == cur.size();
    if (refEmpty && curEmpty) {
      return "no value in either table (all missing)";
    }
    if (refEmpty) {
      return "no value in the reference table (all missing)";
    }
    if (curEmpty) {
      return "no value in the current table (all missing)";
    }
    return "the test is undefined on these values";
  }

  /**
   * Evidently's chi-square: the current counts against the reference proportions scaled to the
   * current size, over the union of categories; a category absent from the reference makes the
   * statistic infinite (p = 0).
   *
   * @return the statistic and the p-value (NaN, NaN with no value on a side)
   */
  static double[] chiSquareGoodnessOfFit(String[] reference, String[] current) {
    Map<String, long[]> counts = counts(reference, current);
    long nRef = Arrays.stream(reference).filter(v -> v != null).count();
    long nCur = Arrays.stream(current).filter(v -> v != null).count();
    if (nRef == 0 || nCur == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    if (counts.size() < 2) {
      return new double[] {0, 1}; // one category on both sides: no difference to test
    }
    double k = (double) nCur / nRef;
    double stat = 0;
    for (long[] c : counts.values()) {
      double expected = c[0] * k;
      double d = c[1] - expected;
      stat += expected == 0 ? (c[1] == 0 ? 0 : Double.POSITIVE_INFINITY) : d * d / expected;
    }
    return new double[] {
      stat, ChiSquaredDistribution.of(counts.size() - 1).survivalProbability(stat)
    };
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
