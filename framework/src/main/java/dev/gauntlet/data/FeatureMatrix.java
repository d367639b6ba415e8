package dev.gauntlet.data;

import java.util.List;

/**
 * A dense row-major matrix of encoded features, as models and metrics consume them.
 *
 * @param rows number of rows
 * @param cols number of features
 * @param data {@code rows * cols} values, row {@code r} at {@code [r * cols, (r + 1) * cols)}
 * @param names one name per feature, e.g. {@code age} or {@code colour=red}
 */
public record FeatureMatrix(int rows, int cols, double[] data, List<String> names) {
  public FeatureMatrix {
    names = List.copyOf(names);
    if (data.length != (long) rows * cols) {
      throw new IllegalArgumentException(
          "data has " + data.length + " values, expected " + rows + " x " + cols);
    }
    if (names.size() != cols) {
      throw new IllegalArgumentException(names.size() + " names for " + cols + " columns");
    }
  }

  public double get(int row, int col) {
    return data[row * cols + col];
  }
}
