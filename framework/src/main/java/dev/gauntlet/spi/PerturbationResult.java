package dev.gauntlet.spi;

import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.Column;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A perturbed table and what the perturbation did to it.
 *
 * @param table the perturbed table
 * @param rowsBefore the input's row count
 * @param rowsAdded rows in the output beyond the input's count (inserted copies)
 * @param rowsRemoved rows of the input missing from the output's count
 * @param rowsReplaced rows of the input replaced, in place, by copies of other rows (resampling)
 * @param cellsChanged cells of the input's columns whose value changed, in rows that kept their
 *     place; empty when the rows cannot be matched (an unknown perturbation that changes rows)
 * @param valuesClipped new numeric values moved into the column's possible range (declared ranges,
 *     non-negative columns); empty when the perturbation does not say
 * @param effectiveSampleSize Kish's effective sample size {@code (Σw)² / Σw²} of the resampling
 *     weights, for a perturbation that resamples rows (equal weights give the row count); empty
 *     otherwise
 * @param columnsAdded columns in the output that the input did not have
 */
public record PerturbationResult(
    Table table,
    int rowsBefore,
    int rowsAdded,
    int rowsRemoved,
    int rowsReplaced,
    OptionalLong cellsChanged,
    OptionalLong valuesClipped,
    OptionalDouble effectiveSampleSize,
    List<String> columnsAdded) {
  public PerturbationResult {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(cellsChanged, "cellsChanged");
    Objects.requireNonNull(valuesClipped, "valuesClipped");
    Objects.requireNonNull(effectiveSampleSize, "effectiveSampleSize");
    columnsAdded = List.copyOf(columnsAdded);
    if (rowsBefore < 0 || rowsAdded < 0 || rowsRemoved < 0 || rowsReplaced < 0) {
      throw new IllegalArgumentException(
          "row counts are negative: before "
              + rowsBefore
              + ", added "
              + rowsAdded
              + ", removed "
              + rowsRemoved
              + ", replaced "
              + rowsReplaced);
    }
  }

  /**
   * What can be read from the two tables alone: rows added or removed from the counts, columns
   * added from the schemas, and, when {@code rowIdentity} holds (row i of the output is row i of
   * the input), the cells that differ. A numeric cell changes when its bits do (a missing value
   * stays equal to a missing value); a categorical cell when its level's text does.
   */
  public static PerturbationResult between(Table before, Table after, boolean rowIdentity) {
    List<String> added = new ArrayList<>();
    for (String name : after.schema().names()) {
      if (!before.schema().contains(name)) {
        added.add(name);
      }
    }
    OptionalLong cells = OptionalLong.empty();
    if (rowIdentity && before.rowCount() == after.rowCount()) {
      cells = OptionalLong.of(changedCells(before, after, before.rowCount()));
    }
    return new PerturbationResult(
        after,
        before.rowCount(),
        Math.max(0, after.rowCount() - before.rowCount()),
        Math.max(0, before.rowCount() - after.rowCount()),
        0,
        cells,
        OptionalLong.empty(),
        OptionalDouble.empty(),
        added);
  }

  /** Cells of {@code before}'s columns that differ in the first {@code rows} rows of both. */
  static long changedCells(Table before, Table after, int rows) {
    long n = 0;
    for (String name : before.schema().names()) {
      if (!after.schema().contains(name)) {
        n += rows;
        continue;
      }
      Column a = before.column(name);
      Column b = after.column(name);
      for (int r = 0; r < rows; r++) {
        if (!sameCell(a, b, r)) {
          n++;
        }
      }
    }
    return n;
  }

  private static boolean sameCell(Column a, Column b, int r) {
    if (a instanceof NumericColumn x && b instanceof NumericColumn y) {
      return Double.doubleToLongBits(x.get(r)) == Double.doubleToLongBits(y.get(r));
    }
    if (a instanceof CategoricalColumn x && b instanceof CategoricalColumn y) {
      return Objects.equals(x.level(r), y.level(r));
    }
    return a.format(r).equals(b.format(r));
  }

  /** This result with the count of clipped values. */
  public PerturbationResult withValuesClipped(long clipped) {
    return new PerturbationResult(
        table,
        rowsBefore,
        rowsAdded,
        rowsRemoved,
        rowsReplaced,
        cellsChanged,
        OptionalLong.of(clipped),
        effectiveSampleSize,
        columnsAdded);
  }

  /** This result with the count of changed cells. */
  public PerturbationResult withCellsChanged(long cells) {
    return new PerturbationResult(
        table,
        rowsBefore,
        rowsAdded,
        rowsRemoved,
        rowsReplaced,
        OptionalLong.of(cells),
        valuesClipped,
        effectiveSampleSize,
        columnsAdded);
  }

  /** This result as a resample: rows replaced in place, and the weights' effective size. */
  public PerturbationResult withResampling(int replaced, double effectiveSize) {
    return new PerturbationResult(
        table,
        rowsBefore,
        rowsAdded,
        rowsRemoved,
        replaced,
        cellsChanged,
        valuesClipped,
        OptionalDouble.of(effectiveSize),
        columnsAdded);
  }

  /**
   * Kish's effective sample size of non-negative weights, {@code (Σw)² / Σw²}; 0 when all are 0.
   */
  public static double kish(double[] weights) {
    // Scaled by the largest weight so that the squares cannot overflow.
    double max = 0;
    for (double w : weights) {
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("a weight is not finite and non-negative: " + w);
      }
      max = Math.max(max, w);
    }
    if (max == 0) {
      return 0;
    }
    double sum = 0;
    double squares = 0;
    for (double w : weights) {
      double s = w / max;
      sum += s;
      squares += s * s;
    }
    return sum * sum / squares;
  }

  /**
   * One line for people: {@code 1,000 rows in, 1,000 rows out: 950 cells changed, 12 values clipped
   * to the column's range}, or {@code 1,000 rows in, 1,000 rows out: 212 rows replaced by copies of
   * others, effective sample size 640.2}. Counts that are 0 are left out, except cells changed when
   * no row moved.
   */
  public String describe() {
    List<String> parts = new ArrayList<>();
    boolean rowsMoved = rowsAdded + rowsRemoved + rowsReplaced > 0;
    cellsChanged.ifPresent(
        n -> {
          if (n > 0 || !rowsMoved) {
            parts.add(count(n, "cell") + " changed");
          }
        });
    if (rowsAdded > 0) {
      parts.add(count(rowsAdded, "row") + " added");
    }
    if (rowsRemoved > 0) {
      parts.add(count(rowsRemoved, "row") + " removed");
    }
    if (rowsReplaced > 0 || effectiveSampleSize.isPresent()) {
      parts.add(count(rowsReplaced, "row") + " replaced by copies of others");
    }
    effectiveSampleSize.ifPresent(
        e -> parts.add("effective sample size " + String.format(Locale.ROOT, "%,.1f", e)));
    valuesClipped.ifPresent(
        n -> {
          if (n > 0) {
            parts.add(count(n, "value") + " clipped to the column's range");
          }
        });
    if (!columnsAdded.isEmpty()) {
      parts.add((columnsAdded.size() == 1 ? "column " : "columns ") + columnsAdded + " added");
    }
    return count(rowsBefore, "row")
        + " in, "
        + count(table.rowCount(), "row")
        + " out"
        + (parts.isEmpty() ? "" : ": " + String.join(", ", parts));
  }

  private static String count(long n, String noun) {
    return String.format(Locale.ROOT, "%,d", n) + " " + noun + (n == 1 ? "" : "s");
  }
}
