package dev.gauntlet.data;

import java.util.Locale;

/**
 * How a column's values are stored and read: numbers ({@code double}, NaN = missing), level codes,
 * or dates and date-times (a {@link NumericColumn} of epoch seconds whose {@link ColumnSpec} says
 * how to write them back, see {@link DateTimeFormat}).
 */
public enum ColumnType {
  NUMERIC,
  CATEGORICAL,
  DATETIME;

  /** The lower-case name used in files and on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether the values are numbers (a {@link NumericColumn}): numeric and date columns, which every
   * metric, model and generator treats alike.
   */
  public boolean isNumeric() {
    return this != CATEGORICAL;
  }
}
