package dev.gauntlet.scenario;

import dev.gauntlet.data.ColumnType;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import dev.gauntlet.metrics.CategoricalFidelity;
import dev.gauntlet.metrics.ColumnFidelity;
import dev.gauntlet.metrics.Drift;
import dev.gauntlet.metrics.Fidelity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Real against synthetic rows column by column, for the pictures of the HTML report: each column's
 * distribution on both sides, its shape score and its drift test, and the pair-trend score of every
 * column pair.
 *
 * @param realRows real rows compared
 * @param syntheticRows synthetic rows compared
 * @param columns one per column, in the real table's order
 * @param pairTrends each column pair's trend score (NaN where undefined or on the diagonal), rows
 *     and columns in the order of {@code columns}
 */
public record SyntheticFigures(
    int realRows, int syntheticRows, List<ColumnFigures> columns, List<List<Double>> pairTrends) {
  /** Equal-width bins of a numeric column's histogram. */
  public static final int NUMERIC_BINS = 20;

  /** The most frequent categories drawn; the rest are summed into one bar. */
  public static final int MAX_CATEGORIES = 20;

  /** Label of the bar that sums the categories beyond {@link #MAX_CATEGORIES}. */
  public static final String OTHER = "(other)";

  public SyntheticFigures {
    columns = List.copyOf(columns);
    pairTrends = pairTrends.stream().map(r -> List.copyOf(r)).toList();
  }

  /**
   * One column.
   *
   * @param name the column's name
   * @param type the real column's type: numeric or datetime (a histogram), or categorical (bars)
   * @param shapeScore its shape score (1 - KS statistic, or 1 - total variation distance)
   * @param edges a numeric column's {@code NUMERIC_BINS + 1} bin edges (empty if categorical)
   * @param categories a categorical column's categories, most frequent real ones first (empty if
   *     numeric)
   * @param real each bin's share of the real rows with a value
   * @param synthetic each bin's share of the synthetic rows with a value
   * @param driftTest the drift test's id
   * @param driftStatistic its statistic (a p-value or a distance)
   * @param driftThreshold its threshold
   * @param drifted whether the column drifted
   */
  public record ColumnFigures(
      String name,
      ColumnType type,
      double shapeScore,
      List<Double> edges,
      List<String> categories,
      List<Double> real,
      List<Double> synthetic,
      String driftTest,
      double driftStatistic,
      double driftThreshold,
      boolean drifted) {
    public ColumnFigures {
      edges = List.copyOf(edges);
      categories = List.copyOf(categories);
      real = List.copyOf(real);
      synthetic = List.copyOf(synthetic);
    }

    /** Whether the column is drawn as a histogram: numbers or dates. */
    public boolean numeric() {
      return type.isNumeric();
    }
  }

  /** The figures of two tables with the same columns, given their fidelity and drift. */
  public static SyntheticFigures of(Table real, Table synthetic, Fidelity fidelity, Drift drift) {
    List<ColumnFigures> columns = new ArrayList<>();
    for (Map.Entry<String, ColumnFidelity> e : fidelity.columns().entrySet()) {
      String name = e.getKey();
      Drift.ColumnDrift d = drift.columns().get(name);
      String test = d == null ? "" : d.test().id();
      double statistic = d == null ? Double.NaN : d.statistic();
      double threshold = d == null ? Double.NaN : d.threshold();
      boolean drifted = d != null && d.drifted();
      double shape = e.getValue().shapeScore();
      if (e.getValue() instanceof CategoricalFidelity c) {
        Integer[] order = new Integer[c.categories().size()];
        for (int i = 0; i < order.length; i++) {
          order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(c.countsReal()[b], c.countsReal()[a]));
        double nr = Arrays.stream(c.countsReal()).sum();
        double ns = Arrays.stream(c.countsSynthetic()).sum();
        List<String> cats = new ArrayList<>();
        List<Double> r = new ArrayList<>();
        List<Double> s = new ArrayList<>();
        double restR = 0;
        double restS = 0;
        for (int i = 0; i < order.length; i++) {
          int k = order[i];
          if (i < MAX_CATEGORIES) {
            cats.add(c.categories().get(k));
            r.add(share(c.countsReal()[k], nr));
            s.add(share(c.countsSynthetic()[k], ns));
          } else {
            restR += c.countsReal()[k];
            restS += c.countsSynthetic()[k];
          }
        }
        if (order.length > MAX_CATEGORIES) {
          cats.add(OTHER);
          r.add(share(restR, nr));
          s.add(share(restS, ns));
        }
        columns.add(
            new ColumnFigures(
                name,
                ColumnType.CATEGORICAL,
                shape,
                List.of(),
                cats,
                r,
                s,
                test,
                statistic,
                threshold,
                drifted));
      } else {
        double[] a = ((NumericColumn) real.column(name)).values();
        double[] b = ((NumericColumn) synthetic.column(name)).values();
        double lo = Math.min(min(a), min(b));
        double hi = Math.max(max(a), max(b));
        if (!(hi > lo)) {
          hi = lo + 1;
        }
        List<Double> edges = new ArrayList<>();
        for (int i = 0; i <= NUMERIC_BINS; i++) {
          edges.add(lo + (hi - lo) * i / NUMERIC_BINS);
        }
        columns.add(
            new ColumnFigures(
                name,
                real.schema().spec(name).type(),
                shape,
                edges,
                List.of(),
                histogram(a, lo, hi),
                histogram(b, lo, hi),
                test,
                statistic,
                threshold,
                drifted));
      }
    }
    double[][] scores = fidelity.pairTrendScores(real.schema().names());
    List<List<Double>> pairs = new ArrayList<>();
    for (double[] row : scores) {
      pairs.add(Arrays.stream(row).boxed().toList());
    }
    return new SyntheticFigures(fidelity.rowsReal(), fidelity.rowsSynthetic(), columns, pairs);
  }

  private static double share(double count, double total) {
    return total == 0 ? Double.NaN : count / total;
  }

  private static double min(double[] v) {
    return Arrays.stream(v).filter(Double::isFinite).min().orElse(0);
  }

  private static double max(double[] v) {
    return Arrays.stream(v).filter(Double::isFinite).max().orElse(0);
  }

  /**
   * Shares of the finite values in NUMERIC_BINS equal-width bins over [lo, hi], last bin closed.
   */
  private static List<Double> histogram(double[] v, double lo, double hi) {
    double[] counts = new double[NUMERIC_BINS];
    int n = 0;
    for (double x : v) {
      if (Double.isFinite(x)) {
        int b = (int) Math.floor((x - lo) / (hi - lo) * NUMERIC_BINS);
        counts[Math.max(0, Math.min(NUMERIC_BINS - 1, b))]++;
        n++;
      }
    }
    List<Double> out = new ArrayList<>();
    for (double c : counts) {
      out.add(share(c, n));
    }
    return out;
  }
}
