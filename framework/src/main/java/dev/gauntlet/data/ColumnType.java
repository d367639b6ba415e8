package dev.gauntlet.data;

import java.util.Locale;

/** How a column's values are stored: numbers ({@code double}, NaN = missing) or level codes. */
public enum ColumnType {
  NUMERIC,
  CATEGORICAL;

  /** The lower-case name used in files and on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
