package dev.gauntlet.evaluation;

import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.Table;
import dev.gauntlet.model.Classifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The search for weak segments, in the manner of Deepchecks' weak segments check and Giskard's
 * performance scan: the groups of rows, described by one or two columns' values, on which a model
 * errs most often.
 *
 * <p>Candidates are every condition on one column (a categorical level, a numeric quantile bin,
 * missing; the groups of {@link Slices}) and every conjunction of two conditions on different
 * columns. A candidate is kept when it holds at least {@code minShare} of the rows and its error
 * rate (one minus accuracy) is above the whole table's; a conjunction is also dropped when it holds
 * the same rows as one of its two conditions, which says it all. The kept candidates are ranked by
 * error rate, highest first, ties by description, and the first {@code top} are reported.
 *
 * <p>Rows are bitsets of 64-bit words: each condition is one bitset and a conjunction is counted
 * with two word-wise ANDs and bit counts, so no per-row objects are made. Conditions under the
 * minimum share are dropped before pairing, since no conjunction of them can reach it.
 *
 * @param minShare the least share of all rows a segment must hold, within (0, 1]
 * @param top how many segments to report at most, positive
 * @param bins the number of quantile bins of a numeric column, positive
 */
public record WeakSegments(double minShare, int top, int bins) {
  public static final double DEFAULT_MIN_SHARE = 0.05;
  public static final int DEFAULT_TOP = 5;

  public WeakSegments {
    if (!(minShare > 0 && minShare <= 1)) {
      throw new IllegalArgumentException("min share is not within (0, 1]: " + minShare);
    }
    if (top < 1) {
      throw new IllegalArgumentException("number of segments to report is not positive: " + top);
    }
    if (bins < 1) {
      throw new IllegalArgumentException("number of quantile bins is not positive: " + bins);
    }
  }

  /** At least 5 % of the rows, the top 5, numeric columns by quartile. */
  public static WeakSegments withDefaults() {
    return new WeakSegments(DEFAULT_MIN_SHARE, DEFAULT_TOP, Slices.DEFAULT_BINS);
  }

  public WeakSegments withMinShare(double newMinShare) {
    return new WeakSegments(newMinShare, top, bins);
  }

  public WeakSegments withTop(int newTop) {
    return new WeakSegments(minShare, newTop, bins);
  }

  public WeakSegments withBins(int newBins) {
    return new WeakSegments(minShare, top, newBins);
  }

  /**
   * A segment of rows and how often the model errs on it.
   *
   * @param slice the rows and their description, such as {@code contract = Month-to-month and
   *     tenure <= 12}
   * @param columns the one or two columns the description names, in table order
   * @param errors the number of rows the model gets wrong
   * @param errorRate {@code errors / size}
   * @param overallErrorRate the error rate over the whole table
   * @param lift {@code errorRate / overallErrorRate}
   */
  public record Segment(
      Slice slice,
      List<String> columns,
      int errors,
      double errorRate,
      double overallErrorRate,
      double lift) {
    public Segment {
      Objects.requireNonNull(slice, "slice");
      columns = List.copyOf(columns);
    }

    public String description() {
      return slice.description();
    }

    public int size() {
      return slice.size();
    }
  }

  /**
   * The outcome of a search.
   *
   * @param rows the rows of the table
   * @param overallErrorRate the error rate over all rows
   * @param candidates how many segments of at least the minimum share were compared
   * @param segments the weakest, worst first; empty when the model errs nowhere or evenly
   */
  public record Report(int rows, double overallErrorRate, int candidates, List<Segment> segments) {
    public Report {
      segments = List.copyOf(segments);
    }
  }

  /** The weak segments of a model on a table, searched over its feature columns. */
  public Report find(Classifier model, Table table, String label) {
    List<String> features =
        table.schema().names(ColumnRole.FEATURE).stream().filter(n -> !n.equals(label)).toList();
    return find(table, Outcomes.of(model, table, label), features);
  }

  /**
   * The weak segments of {@code outcomes}, one per row of {@code table}, over the given columns.
   */
  public Report find(Table table, Outcomes outcomes, List<String> columns) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(outcomes, "outcomes");
    int n = table.rowCount();
    if (outcomes.rows() != n) {
      throw new IllegalArgumentException(
          outcomes.rows() + " outcomes for a table of " + n + " rows");
    }
    long[] wrong = RowBits.empty(n);
    for (int r = 0; r < n; r++) {
      if (!outcomes.correct(r)) {
        RowBits.set(wrong, r);
      }
    }
    int totalErrors = RowBits.count(wrong);
    double overall = n == 0 ? Double.NaN : (double) totalErrors / n;

    List<Condition> conditions = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      Grouping g = Grouping.of(table, columns.get(c), bins);
      long[][] bits = new long[g.size()][];
      for (int k = 0; k < bits.length; k++) {
        bits[k] = RowBits.empty(n);
      }
      int[] group = g.group();
      for (int r = 0; r < n; r++) {
        RowBits.set(bits[group[r]], r);
      }
      for (int k = 0; k < bits.length; k++) {
        int size = RowBits.count(bits[k]);
        if (isLargeEnough(size, n)) {
          conditions.add(new Condition(c, g.descriptions().get(k), bits[k], size));
        }
      }
    }

    List<Candidate> kept = new ArrayList<>();
    int compared = 0;
    for (int i = 0; i < conditions.size(); i++) {
      Condition a = conditions.get(i);
      compared++;
      int errors = RowBits.countAnd(a.bits, wrong);
      if ((double) errors / a.size > overall) {
        kept.add(new Candidate(a, null, a.size, errors));
      }
      for (int j = i + 1; j < conditions.size(); j++) {
        Condition b = conditions.get(j);
        if (b.column == a.column) {
          continue;
        }
        int size = RowBits.countAnd(a.bits, b.bits);
        if (!isLargeEnough(size, n) || size == a.size || size == b.size) {
          continue;
        }
        compared++;
        int pairErrors = RowBits.countAnd(a.bits, b.bits, wrong);
        if ((double) pairErrors / size > overall) {
          kept.add(new Candidate(a, b, size, pairErrors));
        }
      }
    }
    kept.sort(
        Comparator.comparingDouble(Candidate::errorRate)
            .reversed()
            .thenComparing(Candidate::description));
    List<Segment> segments = new ArrayList<>();
    for (Candidate c : kept.subList(0, Math.min(top, kept.size()))) {
      long[] rows = c.second == null ? c.first.bits : RowBits.and(c.first.bits, c.second.bits);
      List<String> names =
          c.second == null
              ? List.of(columns.get(c.first.column))
              : List.of(columns.get(c.first.column), columns.get(c.second.column));
      segments.add(
          new Segment(
              new Slice(c.description(), RowBits.rows(rows)),
              names,
              c.errors,
              c.errorRate(),
              overall,
              c.errorRate() / overall));
    }
    return new Report(n, overall, compared, segments);
  }

  private boolean isLargeEnough(int size, int rows) {
    return size > 0 && (double) size / rows >= minShare;
  }

  /** One column's condition: the column's position in the searched list, and its rows. */
  private record Condition(int column, String description, long[] bits, int size) {}

  /** A condition, or a conjunction of two (the first's column earlier), with its counts. */
  private record Candidate(Condition first, Condition second, int size, int errors) {
    double errorRate() {
      return (double) errors / size;
    }

    String description() {
      return second == null ? first.description : first.description + " and " + second.description;
    }
  }
}
