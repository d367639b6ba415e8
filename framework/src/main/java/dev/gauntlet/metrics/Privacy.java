package dev.gauntlet.metrics;

import dev.gauntlet.data.Column;
import dev.gauntlet.data.IdColumns;
import dev.gauntlet.data.Table;
import dev.gauntlet.data.TablePair;
import dev.gauntlet.random.Seed;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.rng.sampling.PermutationSampler;

/**
 * How close synthetic rows come to real ones. The distance between two rows is SDMetrics' mean cell
 * distance: numeric {@code |a - b| / (real max - real min)} capped at 1, categorical 0 when equal
 * and 1 otherwise; a missing cell is 0 from another missing cell and 1 from any value.
 *
 * @param realRows real rows compared (after subsampling)
 * @param syntheticRows synthetic rows compared (after subsampling)
 * @param dcrMedian the median over synthetic rows of the distance to the closest real row
 * @param dcrBaselineMedian the same for rows drawn uniformly within the real columns' ranges and
 *     levels, as many as the synthetic rows
 * @param dcrBaselineProtection SDMetrics' DCRBaselineProtection: {@code min(1, dcrMedian /
 *     dcrBaselineMedian)}; 1 means synthetic rows are no closer to real ones than random rows
 * @param exactCopyShare the share of all synthetic rows that equal a real row in every column
 *     (computed on the full tables, not the subsample)
 * @param comparedCopyShare the share of the compared synthetic rows that equal a compared real row:
 *     the rows at distance 0, on the same subsample as the distances
 */
public record Privacy(
    int realRows,
    int syntheticRows,
    double dcrMedian,
    double dcrBaselineMedian,
    double dcrBaselineProtection,
    double exactCopyShare,
    double comparedCopyShare) {

  /**
   * Compares synthetic rows with real ones, on seeded subsamples of at most {@code maxRows} rows a
   * side for the distances (they cost real rows x synthetic rows).
   */
  public static Privacy of(Table real, Table synthetic, int maxRows, Seed seed) {
    return of(real, synthetic, subsamples(real, synthetic, maxRows, seed), seed);
  }

  /**
   * As {@link #of(Table, Table, int, Seed)} with the subsamples already drawn by {@link
   * #subsamples}, so that other quadratic figures can share them.
   */
  public static Privacy of(Table real, Table synthetic, TablePair subsamples, Seed seed) {
    // ids are no data: a fresh id would make every copied row look new
    double copies =
        exactCopyShare(
            IdColumns.withoutIds(real, synthetic), IdColumns.withoutIds(synthetic, real));
    Table r = IdColumns.withoutIds(subsamples.real(), subsamples.synthetic());
    Table s = IdColumns.withoutIds(subsamples.synthetic(), subsamples.real());
    double comparedCopies = exactCopyShare(r, s);
    RowDistances distances = RowDistances.to(r);
    double[] dcr = distances.closest(distances.encode(s));
    double[] baseline =
        distances.closest(distances.randomRows(s.rowCount(), seed.derive("privacy-baseline")));
    double median = median(dcr);
    double baseMedian = median(baseline);
    double protection = baseMedian > 0 ? Math.min(1, median / baseMedian) : Double.NaN;
    return new Privacy(
        r.rowCount(), s.rowCount(), median, baseMedian, protection, copies, comparedCopies);
  }

  /**
   * The seeded subsamples of at most {@code maxRows} rows a side on which the quadratic figures
   * (distances to closest records, copies among them, detection, PRDC, MMD) are computed. Both
   * sides are drawn from one stream, so tables of equal length keep the same row numbers: a table
   * compared with itself is compared row for row (independent draws made its distances positive
   * beside an exact-copy share of 1).
   */
  public static TablePair subsamples(Table real, Table synthetic, int maxRows, Seed seed) {
    Seed rows = seed.derive("privacy-subsample");
    return new TablePair(subsample(real, maxRows, rows), subsample(synthetic, maxRows, rows));
  }

  /** A seeded subsample of at most {@code max} rows, in the original row order. */
  public static Table subsample(Table t, int max, Seed seed) {
    if (t.rowCount() <= max) {
      return t;
    }
    int[] rows = PermutationSampler.natural(t.rowCount());
    PermutationSampler.shuffle(seed.rng(), rows);
    int[] keep = Arrays.copyOf(rows, max);
    Arrays.sort(keep);
    return t.take(keep);
  }

  static double exactCopyShare(Table real, Table synthetic) {
    if (synthetic.rowCount() == 0) {
      return Double.NaN;
    }
    Set<String> seen = new HashSet<>();
    for (int r = 0; r < real.rowCount(); r++) {
      seen.add(rowText(real, r));
    }
    int copies = 0;
    for (int r = 0; r < synthetic.rowCount(); r++) {
      copies += seen.contains(rowText(synthetic, r)) ? 1 : 0;
    }
    return (double) copies / synthetic.rowCount();
  }

  private static String rowText(Table t, int r) {
    StringBuilder b = new StringBuilder();
    for (Column c : t.columns()) {
      b.append(c.format(r)).append('\u0001');
    }
    return b.toString();
  }

  static double median(double[] x) {
    if (x.length == 0) {
      return Double.NaN;
    }
    double[] s = x.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
