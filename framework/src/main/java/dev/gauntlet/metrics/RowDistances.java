package dev.gauntlet.metrics;

import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.Column;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Distances from query rows to the closest row of a reference table, with SDMetrics' cell distance:
 * numeric {@code |a - b| / (reference max - reference min)} capped at 1 (a constant reference
 * column: 0 when equal, else 1), categorical 0 when the level text is equal, else 1; a missing cell
 * is 0 from another missing cell and 1 from any value. A row distance is the mean over columns.
 */
final class RowDistances {
  private final List<String> names;
  private final boolean[] numeric;
  private final double[] min;
  private final double[] range;
  private final List<List<String>> levels = new ArrayList<>();
  private final List<Map<String, Integer>> index = new ArrayList<>();

  /** Codes given to levels the scaling table lacks, shared by every encoded table. */
  private final List<Map<String, Integer>> extra = new ArrayList<>();

  private final double[][] reference;

  private RowDistances(Table reference, Table scale) {
    int k = scale.columnCount();
    this.names = scale.schema().names();
    this.numeric = new boolean[k];
    this.min = new double[k];
    this.range = new double[k];
    for (int j = 0; j < k; j++) {
      Column c = scale.column(j);
      List<String> lv = new ArrayList<>();
      if (c instanceof NumericColumn n) {
        numeric[j] = true;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < n.size(); r++) {
          double v = n.get(r);
          if (!Double.isNaN(v)) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
          }
        }
        min[j] = lo;
        range[j] = hi - lo;
      } else {
        lv.addAll(((CategoricalColumn) c).levels());
      }
      levels.add(lv);
      Map<String, Integer> positions = new HashMap<>();
      for (int i = 0; i < lv.size(); i++) {
        positions.put(lv.get(i), i);
      }
      index.add(positions);
      extra.add(new HashMap<>());
    }
    this.reference = encode(reference);
  }

  /** Distances to the rows of {@code reference}, whose ranges scale numeric differences. */
  static RowDistances to(Table reference) {
    return new RowDistances(reference, reference);
  }

  /** Distances to the rows of {@code reference}, numeric differences scaled by {@code scale}. */
  static RowDistances to(Table reference, Table scale) {
    return new RowDistances(reference, scale);
  }

  /**
   * A table's rows as arrays: numeric cells as they are (NaN = missing), categorical cells as codes
   * in the scaling table's dictionary; a level it lacks gets a code of its own, so it equals only
   * itself.
   */
  double[][] encode(Table t) {
    int k = names.size();
    double[][] out = new double[t.rowCount()][k];
    for (int j = 0; j < k; j++) {
      Column c = t.column(names.get(j));
      Map<String, Integer> positions = index.get(j);
      Map<String, Integer> unseen = extra.get(j);
      for (int r = 0; r < t.rowCount(); r++) {
        if (numeric[j]) {
          out[r][j] = ((NumericColumn) c).get(r);
        } else {
          String level = ((CategoricalColumn) c).level(r);
          if (level == null) {
            out[r][j] = -1;
          } else {
            Integer code = positions.get(level);
            out[r][j] =
                code != null ? code : unseen.computeIfAbsent(level, x -> -2 - unseen.size());
          }
        }
      }
    }
    return out;
  }

  /** Rows drawn uniformly within each reference column's range or levels; none missing. */
  double[][] randomRows(int n, Seed seed) {
    UniformRandomProvider rng = seed.rng();
    int k = numeric.length;
    double[][] out = new double[n][k];
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < k; j++) {
        if (numeric[j]) {
          out[r][j] = Double.isFinite(range[j]) ? min[j] + rng.nextDouble() * range[j] : 0;
        } else {
          int size = levels.get(j).size();
          out[r][j] = size == 0 ? -1 : rng.nextInt(size);
        }
      }
    }
    return out;
  }

  /** For each query row, the distance to the closest reference row (parallel, deterministic). */
  double[] closest(double[][] queries) {
    int k = numeric.length;
    return IntStream.range(0, queries.length)
        .parallel()
        .mapToDouble(
            q -> {
              double[] x = queries[q];
              double best = Double.POSITIVE_INFINITY;
              for (double[] y : reference) {
                double d = 0;
                // stop adding once this row cannot beat the best so far
                for (int j = 0; j < k && d < best * k; j++) {
                  d += cell(j, x[j], y[j]);
                }
                best = Math.min(best, d / k);
              }
              return best;
            })
        .toArray();
  }

  private double cell(int j, double a, double b) {
    if (numeric[j]) {
      boolean ma = Double.isNaN(a);
      boolean mb = Double.isNaN(b);
      if (ma || mb) {
        return ma && mb ? 0 : 1;
      }
      if (!(range[j] > 0)) {
        return a == b ? 0 : 1;
      }
      return Math.min(1, Math.abs(a - b) / range[j]);
    }
    return a == b ? 0 : 1;
  }
}
