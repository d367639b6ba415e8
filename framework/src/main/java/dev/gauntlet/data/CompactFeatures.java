package dev.gauntlet.data;

import java.util.List;

/**
 * The rows a {@link FeatureEncoder} encodes, stored without the zeros of its one-hot features: each
 * numeric input column as one double a row (its standardized value, 0 where missing) and, when a
 * missing indicator follows it, one boolean a row; each categorical column as one byte a row (which
 * of its features is 1, or -1 for none). A row costs 8 bytes per numeric column (9 with an
 * indicator) and 1 per categorical one, where the dense {@link FeatureMatrix} costs 8 bytes per
 * encoded feature: on a telco-like table (9 numeric and 9 categorical columns, 40 features) 81
 * bytes against 320.
 *
 * <p>{@link #row} gives a row's non-zero features in feature order with the values {@link
 * FeatureEncoder#transform} gives them, so a sum over them equals, bit for bit, the sum over the
 * dense row in feature order (the skipped terms are zeros, which leave a sum unchanged).
 */
public final class CompactFeatures {
  private final int rows;
  private final List<String> names;

  /** Per input column, in order: its first feature's index. */
  private final int[] first;

  /** Per input column: its standardized values (numeric), else null. */
  private final double[][] numeric;

  /** Per input column: whether each row is missing, when a missing indicator follows, else null. */
  private final boolean[][] missing;

  /** Per input column: each row's feature within the column, -1 for none (categorical). */
  private final byte[][] position;

  CompactFeatures(
      int rows,
      List<String> names,
      int[] first,
      double[][] numeric,
      boolean[][] missing,
      byte[][] position) {
    this.rows = rows;
    this.names = List.copyOf(names);
    this.first = first;
    this.numeric = numeric;
    this.missing = missing;
    this.position = position;
  }

  public int rows() {
    return rows;
  }

  /** The number of encoded features, as {@link FeatureEncoder#width()}. */
  public int width() {
    return names.size();
  }

  /** One name per feature, as {@link FeatureEncoder#featureNames()}. */
  public List<String> names() {
    return names;
  }

  /** The most non-zero features a row can have: the buffer size {@link #row} needs. */
  public int maxNonZeros() {
    int n = 0;
    for (int c = 0; c < first.length; c++) {
      n += missing[c] != null ? 2 : 1;
    }
    return n;
  }

  /**
   * Writes row {@code r}'s non-zero features, in increasing feature order, into {@code index} and
   * {@code value} (each at least {@link #maxNonZeros()} long).
   *
   * @return how many were written
   */
  public int row(int r, int[] index, double[] value) {
    int n = 0;
    for (int c = 0; c < first.length; c++) {
      double[] v = numeric[c];
      if (v != null) {
        double x = v[r];
        if (missing[c] != null && missing[c][r]) { // the value feature is 0, its indicator 1
          index[n] = first[c] + 1;
          value[n++] = 1;
        } else if (x != 0) { // NaN included, as the dense matrix has it (inf - inf)
          index[n] = first[c];
          value[n++] = x;
        }
      } else {
        int p = position[c][r];
        if (p >= 0) {
          index[n] = first[c] + p;
          value[n++] = 1;
        }
      }
    }
    return n;
  }

  /**
   * The bytes the stored values take (array headers aside): what this representation costs in
   * memory, against {@code 8 * rows * width} for the dense matrix.
   */
  public long storedBytes() {
    long bytes = 0;
    for (int c = 0; c < first.length; c++) {
      bytes += numeric[c] != null ? 8L * numeric[c].length : position[c].length;
      bytes += missing[c] != null ? missing[c].length : 0;
    }
    return bytes;
  }
}
