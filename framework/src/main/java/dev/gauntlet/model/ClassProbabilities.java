package dev.gauntlet.model;

import java.util.Arrays;
import java.util.List;

/** Class probabilities for a set of rows, stored flat: row {@code r}, class {@code c}. */
public final class ClassProbabilities {
  private final List<String> classes;
  private final int rows;
  private final double[] values;

  private ClassProbabilities(List<String> classes, int rows, double[] values) {
    this.classes = List.copyOf(classes);
    this.rows = rows;
    this.values = values;
    if (values.length != (long) rows * this.classes.size()) {
      throw new IllegalArgumentException(
          values.length + " probabilities for " + rows + " rows x " + classes.size() + " classes");
    }
  }

  /** Probabilities from a row-major array (copied) of {@code rows * classes.size()} values. */
  public static ClassProbabilities of(List<String> classes, int rows, double[] rowMajor) {
    return new ClassProbabilities(classes, rows, rowMajor.clone());
  }

  /** As {@link #of}, taking ownership of the array. */
  static ClassProbabilities wrap(List<String> classes, int rows, double[] rowMajor) {
    return new ClassProbabilities(classes, rows, rowMajor);
  }

  public List<String> classes() {
    return classes;
  }

  public int rows() {
    return rows;
  }

  public int classCount() {
    return classes.size();
  }

  public double get(int row, int cls) {
    return values[row * classes.size() + cls];
  }

  /** The probabilities of one class across rows. */
  public double[] column(int cls) {
    double[] out = new double[rows];
    for (int r = 0; r < rows; r++) {
      out[r] = get(r, cls);
    }
    return out;
  }

  /** The index of the most probable class (the first on ties). */
  public int argmax(int row) {
    int k = classes.size();
    int best = 0;
    for (int c = 1; c < k; c++) {
      if (values[row * k + c] > values[row * k + best]) {
        best = c;
      }
    }
    return best;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClassProbabilities p
        && p.classes.equals(classes)
        && Arrays.equals(p.values, values);
  }

  @Override
  public int hashCode() {
    return 31 * classes.hashCode() + Arrays.hashCode(values);
  }
}
