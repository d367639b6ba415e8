package dev.gauntlet.data;

import java.util.Arrays;

/** A column of doubles; NaN marks a missing value. */
public final class NumericColumn implements Column {
  private final double[] values;

  private NumericColumn(double[] values) {
    this.values = values;
  }

  /** A column holding a copy of {@code values}. Infinities are values; NaN is missing. */
  public static NumericColumn of(double... values) {
    return new NumericColumn(values.clone());
  }

  /** Takes ownership of {@code values} without copying; callers must not change the array. */
  static NumericColumn wrap(double[] values) {
    return new NumericColumn(values);
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public ColumnType type() {
    return ColumnType.NUMERIC;
  }

  public double get(int row) {
    return values[row];
  }

  /** A copy of the values. */
  public double[] values() {
    return values.clone();
  }

  /** Copies rows {@code [from, from + length)} into {@code dest} at {@code destPos}. */
  public void copyTo(int from, double[] dest, int destPos, int length) {
    System.arraycopy(values, from, dest, destPos, length);
  }

  @Override
  public boolean isMissing(int row) {
    return Double.isNaN(values[row]);
  }

  @Override
  public int missingCount() {
    int n = 0;
    for (double v : values) {
      if (Double.isNaN(v)) {
        n++;
      }
    }
    return n;
  }

  /** True when every present value is a whole number (so it is written without decimals). */
  public boolean allIntegers() {
    for (double v : values) {
      if (!Double.isNaN(v) && !NumberText.isInteger(v)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public NumericColumn take(int[] rows) {
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[rows[i]];
    }
    return new NumericColumn(out);
  }

  @Override
  public NumericColumn slice(int from, int to) {
    return new NumericColumn(Arrays.copyOfRange(values, from, to));
  }

  @Override
  public String format(int row) {
    return NumberText.format(values[row]);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NumericColumn c && Arrays.equals(c.values, values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "NumericColumn[size=" + values.length + "]";
  }
}
