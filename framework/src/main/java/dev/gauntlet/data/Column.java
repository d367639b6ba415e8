package dev.gauntlet.data;

/**
 * One column of a {@link Table}: immutable values, stored as primitives. A column knows nothing of
 * its name or role; the table's {@link Schema} does.
 */
public sealed interface Column permits NumericColumn, CategoricalColumn {

  int size();

  ColumnType type();

  boolean isMissing(int row);

  int missingCount();

  /** The rows at the given indices, in that order (indices may repeat). */
  Column take(int[] rows);

  /** Rows {@code from} (inclusive) to {@code to} (exclusive). */
  Column slice(int from, int to);

  /**
   * The value as CSV text: the level, or the shortest decimal that reads back as the same double
   * ({@code 3} for an integral value); an empty string when missing.
   */
  String format(int row);
}
