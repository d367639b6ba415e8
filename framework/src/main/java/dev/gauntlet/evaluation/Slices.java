package dev.gauntlet.evaluation;

import dev.gauntlet.data.Table;
import java.util.List;

/**
 * The slices of a table by one column's values: one per categorical level present, or one per
 * quantile bin of a numeric column, and one for the missing values if there are any. Empty slices
 * are left out; every row is in exactly one slice of a column.
 *
 * <p>Numeric bins are right-closed, cut at numpy's default ("linear") quantiles of the present
 * values at {@code 1/bins, ..., (bins-1)/bins}, equal cuts merged: with cuts {@code c1 < ... < cm}
 * the slices are {@code x <= c1}, {@code x in (c1, c2]}, ..., {@code x > cm}, as pandas' {@code
 * qcut} would make them with {@code duplicates="drop"} except that the outer bins are open.
 */
public final class Slices {
  /** Quartiles, unless told otherwise. */
  public static final int DEFAULT_BINS = 4;

  private Slices() {}

  /** The slices of a column by its type: by level, or by quartile. */
  public static List<Slice> of(Table table, String column) {
    return of(table, column, DEFAULT_BINS);
  }

  /** The slices of a column by its type: by level, or by {@code bins} quantile bins. */
  public static List<Slice> of(Table table, String column, int bins) {
    return Grouping.of(table, column, bins).slices();
  }

  /** One slice per level present, in the dictionary's order, then the missing values. */
  public static List<Slice> byCategory(Table table, String column) {
    table.categorical(column);
    return of(table, column);
  }

  /** One slice per quartile bin, then the missing values. */
  public static List<Slice> byQuantile(Table table, String column) {
    return byQuantile(table, column, DEFAULT_BINS);
  }

  /** One slice per quantile bin, then the missing values. */
  public static List<Slice> byQuantile(Table table, String column, int bins) {
    table.numeric(column);
    return of(table, column, bins);
  }
}
