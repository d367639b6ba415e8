package dev.gauntlet.evaluation;

import dev.gauntlet.data.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One metric over all rows and over each slice.
 *
 * @param metric the metric's name
 * @param higherIsBetter the metric's direction, which decides the worst slice
 * @param rows the number of rows of the whole table
 * @param overall the metric over all rows
 * @param entries each slice with its value, in the order the slices were given
 */
public record SliceReport(
    String metric, boolean higherIsBetter, int rows, double overall, List<Entry> entries) {
  public SliceReport {
    Objects.requireNonNull(metric, "metric");
    entries = List.copyOf(entries);
    if (rows < 0) {
      throw new IllegalArgumentException("number of rows is negative: " + rows);
    }
  }

  /**
   * A slice and its metric.
   *
   * @param slice the rows
   * @param value the metric over them (NaN where the metric is undefined, such as AUC on a slice
   *     with one class)
   */
  public record Entry(Slice slice, double value) {
    public Entry {
      Objects.requireNonNull(slice, "slice");
    }

    public String description() {
      return slice.description();
    }

    public int size() {
      return slice.size();
    }
  }

  /** The metric on every slice; a slice must lie within the outcomes' rows. */
  public static SliceReport of(Outcomes outcomes, List<Slice> slices, OutcomeMetric metric) {
    Objects.requireNonNull(outcomes, "outcomes");
    Objects.requireNonNull(metric, "metric");
    List<Entry> entries = new ArrayList<>(slices.size());
    for (Slice s : slices) {
      for (int r : s.rows()) {
        if (r >= outcomes.rows()) {
          throw new IllegalArgumentException(
              "slice "
                  + s.description()
                  + " holds row "
                  + r
                  + ", beyond the "
                  + outcomes.rows()
                  + " rows of the outcomes");
        }
      }
      entries.add(new Entry(s, metric.apply(outcomes.take(s.rows()))));
    }
    return new SliceReport(
        metric.name(), metric.higherIsBetter(), outcomes.rows(), metric.apply(outcomes), entries);
  }

  /**
   * The metric on the slices of each of {@code columns} ({@link Slices#of(Table, String, int)}),
   * column after column: every row appears once per column.
   */
  public static SliceReport byColumns(
      Outcomes outcomes, Table table, List<String> columns, int bins, OutcomeMetric metric) {
    if (table.rowCount() != outcomes.rows()) {
      throw new IllegalArgumentException(
          outcomes.rows() + " outcomes for a table of " + table.rowCount() + " rows");
    }
    List<Slice> slices = new ArrayList<>();
    for (String column : columns) {
      slices.addAll(Slices.of(table, column, bins));
    }
    return of(outcomes, slices, metric);
  }

  /**
   * The slice whose value is worst (lowest when higher is better, else highest) among the slices of
   * at least {@code minSize} rows with a defined (non-NaN) value; ties go to the description that
   * sorts first. Empty when no slice qualifies.
   */
  public Optional<Entry> worstSlice(int minSize) {
    if (minSize < 0) {
      throw new IllegalArgumentException("minimum slice size is negative: " + minSize);
    }
    Comparator<Entry> worstFirst =
        Comparator.comparingDouble((Entry e) -> higherIsBetter ? e.value() : -e.value())
            .thenComparing(Entry::description);
    return entries.stream()
        .filter(e -> e.size() >= minSize && !Double.isNaN(e.value()))
        .min(worstFirst);
  }

  /** The worst slice of any size; see {@link #worstSlice(int)}. */
  public Optional<Entry> worstSlice() {
    return worstSlice(0);
  }
}
