package dev.gauntlet.metrics;

import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.Column;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * SDMetrics' single-table QualityReport as defined in SDMetrics 0.29 (thresholds since 0.27): the
 * mean of Column Shapes and Column Pair Trends.
 *
 * <p>A column is continuous when it is a {@link NumericColumn} (numbers, and dates as numbers),
 * else discrete. Column Shapes is the mean over columns of KSComplement (continuous: 1 - KS
 * statistic after rounding to 14 decimals) or TVComplement (discrete: 1 - total variation distance,
 * a category seen only in the synthetic data counted 1e-6 times in the real data). Column Pair
 * Trends is the mean over the pairs that meet SDMetrics' thresholds: two continuous columns by
 * CorrelationSimilarity (1 - |r_real - r_synthetic| / 2, Pearson on the rows where both are
 * present) when |r_real| > 0.5; other pairs by ContingencySimilarity (1 - total variation distance
 * between the joint frequencies over all rows, a missing value a category of its own, a continuous
 * column in 10 equal-width bins over each table's own range, left-closed, the maximum and a missing
 * value sharing an eleventh code) when the real table's Cramér's V is above 0.3 on a table at least
 * 2 x 2. Undefined (NaN) scores are skipped in every mean.
 *
 * <p>One deviation: above 50,000 rows SDMetrics computes contingency pairs on a random 50,000-row
 * subsample drawn without a seed (its figure changes from run to run); here every row counts.
 *
 * @param score the overall quality score: the mean of columnShapes and columnPairTrends
 * @param columnShapes the mean of the columns' shape scores
 * @param columnPairTrends the mean score of the pairs that meet the thresholds
 * @param columns each column's shape metric and score, in the real table's column order
 * @param pairs every pair of columns, (first, second) in the real table's column order
 */
public record QualityReport(
    double score,
    double columnShapes,
    double columnPairTrends,
    Map<String, ColumnShape> columns,
    List<PairTrend> pairs) {

  /** A continuous pair counts when the real correlation's magnitude is above this. */
  public static final double REAL_CORRELATION_THRESHOLD = 0.5;

  /** A discrete or mixed pair counts when the real table's Cramér's V is above this. */
  public static final double REAL_ASSOCIATION_THRESHOLD = 0.3;

  public QualityReport {
    columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    pairs = List.copyOf(pairs);
  }

  /** SDMetrics' column-shape metrics. */
  public enum ShapeMetric {
    KS_COMPLEMENT("KSComplement"),
    TV_COMPLEMENT("TVComplement");

    private final String sdmetricsName;

    ShapeMetric(String sdmetricsName) {
      this.sdmetricsName = sdmetricsName;
    }

    /** The metric's class name in SDMetrics. */
    public String sdmetricsName() {
      return sdmetricsName;
    }
  }

  /** SDMetrics' column-pair metrics. */
  public enum PairMetric {
    CORRELATION_SIMILARITY("CorrelationSimilarity"),
    CONTINGENCY_SIMILARITY("ContingencySimilarity");

    private final String sdmetricsName;

    PairMetric(String sdmetricsName) {
      this.sdmetricsName = sdmetricsName;
    }

    /** The metric's class name in SDMetrics. */
    public String sdmetricsName() {
      return sdmetricsName;
    }
  }

  /**
   * @param metric KSComplement or TVComplement
   * @param score in [0, 1]; NaN when a side has no value
   */
  public record ColumnShape(ShapeMetric metric, double score) {}

  /**
   * One pair of columns.
   *
   * @param first the column that comes first in the real table
   * @param second the other column
   * @param metric CorrelationSimilarity (two continuous columns) or ContingencySimilarity
   * @param score the metric's score whether or not the pair meets the threshold; NaN when undefined
   *     (a column with a single value, fewer than two complete rows, an infinite range)
   * @param realCorrelation Pearson's r on the real rows (correlation pairs; else NaN)
   * @param syntheticCorrelation Pearson's r on the synthetic rows (correlation pairs; else NaN)
   * @param realAssociation Cramér's V of the real contingency table (contingency pairs at least 2 x
   *     2; else NaN)
   * @param meetsThreshold whether the pair counts in {@link #columnPairTrends()}
   */
  public record PairTrend(
      String first,
      String second,
      PairMetric metric,
      double score,
      double realCorrelation,
      double syntheticCorrelation,
      double realAssociation,
      boolean meetsThreshold) {}

  /**
   * Column Pair Trends as SDMetrics defined it before 0.27: the mean score over every pair, no
   * threshold.
   */
  public double columnPairTrendsUnthresholded() {
    return meanOfPairs(null, false);
  }

  /** The overall score with {@link #columnPairTrendsUnthresholded()} (SDMetrics before 0.27). */
  public double scoreUnthresholded() {
    return nanMean(columnShapes, columnPairTrendsUnthresholded());
  }

  /** The mean CorrelationSimilarity over every pair of continuous columns, no threshold. */
  public double correlationSimilarity() {
    return meanOfPairs(PairMetric.CORRELATION_SIMILARITY, false);
  }

  /** The mean ContingencySimilarity over every other pair, no threshold. */
  public double contingencySimilarity() {
    return meanOfPairs(PairMetric.CONTINGENCY_SIMILARITY, false);
  }

  private double meanOfPairs(PairMetric metric, boolean thresholded) {
    double sum = 0;
    int n = 0;
    for (PairTrend p : pairs) {
      if ((metric == null || p.metric() == metric)
          && (!thresholded || p.meetsThreshold())
          && !Double.isNaN(p.score())) {
        sum += p.score();
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /**
   * The report of two tables with the same columns, each numeric in both or in neither.
   *
   * @param shapes each column's shape score, in the real table's order
   */
  static QualityReport of(Table real, Table synthetic, Map<String, ColumnShape> shapes) {
    List<String> names = real.schema().names();
    int k = names.size();
    boolean[] continuous = new boolean[k];
    int[][] realCodes = new int[k][];
    int[][] synthCodes = new int[k][];
    int[] codeCount = new int[k];
    boolean[] singleValued = new boolean[k];
    for (int j = 0; j < k; j++) {
      Column a = real.column(j);
      Column b = synthetic.column(names.get(j));
      if (a instanceof NumericColumn na && b instanceof NumericColumn nb) {
        continuous[j] = true;
        realCodes[j] = Contingency.ownRangeBins(na.values());
        synthCodes[j] = Contingency.ownRangeBins(nb.values());
        codeCount[j] = 12;
        singleValued[j] = singleValued(na.values()) || singleValued(nb.values());
      } else {
        CategoricalColumn ca = (CategoricalColumn) a;
        CategoricalColumn cb = (CategoricalColumn) b;
        LinkedHashSet<String> union = new LinkedHashSet<>(ca.levels());
        union.addAll(cb.levels());
        List<String> levels = List.copyOf(union);
        realCodes[j] = missingAsCode(ca.recode(levels).codes(), levels.size());
        synthCodes[j] = missingAsCode(cb.recode(levels).codes(), levels.size());
        codeCount[j] = levels.size() + 1;
      }
    }
    List<PairTrend> pairs = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      for (int j = i + 1; j < k; j++) {
        String first = names.get(i);
        String second = names.get(j);
        if (continuous[i] && continuous[j]) {
          pairs.add(
              correlationPair(
                  first,
                  second,
                  real.numeric(first).values(),
                  real.numeric(second).values(),
                  synthetic.numeric(first).values(),
                  synthetic.numeric(second).values(),
                  singleValued[i] || singleValued[j]));
        } else if (realCodes[i] == null
            || synthCodes[i] == null
            || realCodes[j] == null
            || synthCodes[j] == null) {
          pairs.add(
              new PairTrend(
                  first,
                  second,
                  PairMetric.CONTINGENCY_SIMILARITY,
                  Double.NaN,
                  Double.NaN,
                  Double.NaN,
                  Double.NaN,
                  false));
        } else {
          Contingency.Pair c =
              Contingency.pair(
                  realCodes[i],
                  realCodes[j],
                  synthCodes[i],
                  synthCodes[j],
                  codeCount[i],
                  codeCount[j]);
          pairs.add(
              new PairTrend(
                  first,
                  second,
                  PairMetric.CONTINGENCY_SIMILARITY,
                  c.similarity(),
                  Double.NaN,
                  Double.NaN,
                  c.realCramersV(),
                  c.realCramersV() > REAL_ASSOCIATION_THRESHOLD));
        }
      }
    }
    double shapeMean = nanMean(shapes.values().stream().mapToDouble(ColumnShape::score).toArray());
    QualityReport partial = new QualityReport(Double.NaN, shapeMean, Double.NaN, shapes, pairs);
    double trends = partial.meanOfPairs(null, true);
    return new QualityReport(nanMean(shapeMean, trends), shapeMean, trends, shapes, pairs);
  }

  /**
   * SDMetrics' CorrelationSimilarity: undefined when a column holds a single distinct value in
   * either table or a table has fewer than two rows with both present (scipy refuses these), and
   * when the real correlation is exactly 0 (SDMetrics skips |r_real| <= threshold, here 0).
   */
  private static PairTrend correlationPair(
      String first,
      String second,
      double[] realA,
      double[] realB,
      double[] synthA,
      double[] synthB,
      boolean singleValued) {
    if (singleValued || completeRows(realA, realB) < 2 || completeRows(synthA, synthB) < 2) {
      return new PairTrend(
          first,
          second,
          PairMetric.CORRELATION_SIMILARITY,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          false);
    }
    double r = Correlations.pearson(realA, realB);
    boolean meets = Math.abs(r) > REAL_CORRELATION_THRESHOLD;
    if (Math.abs(r) <= 0) {
      return new PairTrend(
          first,
          second,
          PairMetric.CORRELATION_SIMILARITY,
          Double.NaN,
          r,
          Double.NaN,
          Double.NaN,
          meets);
    }
    double s = Correlations.pearson(synthA, synthB);
    return new PairTrend(
        first,
        second,
        PairMetric.CORRELATION_SIMILARITY,
        1 - Math.abs(r - s) / 2,
        r,
        s,
        Double.NaN,
        meets);
  }

  /**
   * SDMetrics' KSComplement of two columns' present values: 1 - the KS statistic after rounding
   * every value to 14 decimals as numpy does ({@code rint(x * 1e14) / 1e14}); NaN if a side is
   * empty.
   *
   * @param unroundedStatistic the KS statistic of the values as they are, reused when rounding
   *     changes none of them
   */
  static double ksComplement(double[] real, double[] synthetic, double unroundedStatistic) {
    if (real.length == 0 || synthetic.length == 0) {
      return Double.NaN;
    }
    double[] a = rounded(real);
    double[] b = rounded(synthetic);
    if (a == real && b == synthetic) {
      return 1 - unroundedStatistic;
    }
    return 1
        - org.apache.commons.statistics.inference.KolmogorovSmirnovTest.withDefaults()
            .statistic(a, b);
  }

  /** The values rounded to 14 decimals; the same array when none changes. */
  private static double[] rounded(double[] values) {
    double[] out = null;
    for (int i = 0; i < values.length; i++) {
      double r = Math.rint(values[i] * 1e14) / 1e14;
      if (Double.doubleToLongBits(r) != Double.doubleToLongBits(values[i])) {
        if (out == null) {
          out = values.clone();
        }
        out[i] = r;
      }
    }
    return out == null ? values : out;
  }

  /**
   * SDMetrics' TVComplement from category counts over the union of both sides' categories: a
   * category with no real row but some synthetic rows counts 1e-6 real rows, and the real
   * frequencies are over the real total including those. NaN if a side is empty.
   */
  static double tvComplement(long[] real, long[] synthetic) {
    long n = 0;
    long m = 0;
    for (int c = 0; c < real.length; c++) {
      n += real[c];
      m += synthetic[c];
    }
    if (n == 0 || m == 0) {
      return Double.NaN;
    }
    double realTotal = n;
    for (int c = 0; c < real.length; c++) {
      if (real[c] == 0 && synthetic[c] > 0) {
        realTotal += PSEUDO_COUNT;
      }
    }
    double distance = 0;
    for (int c = 0; c < real.length; c++) {
      double r = real[c] == 0 && synthetic[c] > 0 ? PSEUDO_COUNT : real[c];
      distance += Math.abs((double) synthetic[c] / m - r / realTotal);
    }
    return 1 - 0.5 * distance;
  }

  private static final double PSEUDO_COUNT = 1e-6;

  private static int[] missingAsCode(int[] codes, int missingCode) {
    int[] out = codes.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] < 0) {
        out[i] = missingCode;
      }
    }
    return out;
  }

  /** Exactly one distinct present value (pandas' nunique() == 1). */
  private static boolean singleValued(double[] values) {
    double first = Double.NaN;
    for (double v : values) {
      if (Double.isNaN(v)) {
        continue;
      }
      if (Double.isNaN(first)) {
        first = v;
      } else if (v != first) {
        return false;
      }
    }
    return !Double.isNaN(first);
  }

  private static int completeRows(double[] x, double[] y) {
    int n = 0;
    for (int i = 0; i < x.length; i++) {
      if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
        n++;
      }
    }
    return n;
  }

  private static double nanMean(double... values) {
    double sum = 0;
    int n = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }
}
