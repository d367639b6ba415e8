package dev.gauntlet.data;

import dev.gauntlet.UserInputException;
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

  /** The most values a Java array holds (the usual VM limit, a little below 2^31). */
  static final int MAX_CELLS = Integer.MAX_VALUE - 8;

  /**
   * {@code rows * cols}, the size of a matrix's data; a user error when it exceeds what one array
   * holds (in int arithmetic the product would wrap around to a wrong or negative size).
   */
  public static int cells(int rows, int cols) {
    long cells = (long) rows * cols;
    if (cells > MAX_CELLS) {
      throw new UserInputException(
          rows + " rows x " + cols + " encoded features",
          cells + " values in one matrix",
          "at most " + MAX_CELLS + " (the largest Java array)",
          "use fewer rows (a subsample), or leave columns out (mark ids with --id, or --exclude)");
    }
    return (int) cells;
  }

  public double get(int row, int col) {
    return data[row * cols + col];
  }
}
