package dev.gauntlet.evaluation;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named subset of a table's rows, such as {@code contract = Month-to-month} or {@code tenure in
 * (12, 24]}.
 *
 * @param description what the rows have in common, as a reader would say it; not blank
 * @param rows the row indices, strictly ascending, none negative
 */
public record Slice(String description, int[] rows) {
  public Slice {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(rows, "rows");
    if (description.isBlank()) {
      throw new IllegalArgumentException("slice description is blank: \"" + description + "\"");
    }
    rows = rows.clone();
    for (int i = 0; i < rows.length; i++) {
      if (rows[i] < 0) {
        throw new IllegalArgumentException(
            "row index is negative: " + rows[i] + " (slice " + description + ")");
      }
      if (i > 0 && rows[i] <= rows[i - 1]) {
        throw new IllegalArgumentException(
            "row indices are not strictly ascending: "
                + rows[i - 1]
                + " then "
                + rows[i]
                + " (slice "
                + description
                + ")");
      }
    }
  }

  /** The slice of the rows where {@code mask} is true. */
  public static Slice of(String description, boolean[] mask) {
    int[] rows = new int[mask.length];
    int n = 0;
    for (int r = 0; r < mask.length; r++) {
      if (mask[r]) {
        rows[n++] = r;
      }
    }
    return new Slice(description, Arrays.copyOf(rows, n));
  }

  /** The row indices (a copy). */
  @Override
  public int[] rows() {
    return rows.clone();
  }

  /** The number of rows. */
  public int size() {
    return rows.length;
  }

  /** A mask over {@code rowCount} rows, true for this slice's rows. */
  public boolean[] mask(int rowCount) {
    boolean[] mask = new boolean[rowCount];
    for (int r : rows) {
      if (r >= rowCount) {
        throw new IndexOutOfBoundsException(
            "row " + r + " of slice " + description + " is not within [0, " + rowCount + ")");
      }
      mask[r] = true;
    }
    return mask;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Slice s && s.description.equals(description) && Arrays.equals(s.rows, rows);
  }

  @Override
  public int hashCode() {
    return 31 * description.hashCode() + Arrays.hashCode(rows);
  }

  @Override
  public String toString() {
    return description + " (" + rows.length + " rows)";
  }
}
