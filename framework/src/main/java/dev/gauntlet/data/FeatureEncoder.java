package dev.gauntlet.data;

import dev.gauntlet.UserInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns table columns into numeric features, fitted on one table and applied to others.
 *
 * <ul>
 *   <li>Numeric: standardized with the fitted mean and population standard deviation (a constant
 *       column is only centred). A missing value is imputed with the mean (0 after scaling); when
 *       the fitted column had missing values, a 0/1 feature {@code name=(missing)} follows.
 *   <li>Categorical: one 0/1 feature {@code name=level} per level present in the fitted table,
 *       matched by level text, so tables with other dictionaries encode the same way. A level not
 *       seen when fitting encodes as all zeros; a missing value likewise, plus a {@code
 *       name=(missing)} feature when the fitted column had missing values.
 *   <li>A categorical column with more than {@link #MAX_LEVELS} levels present costs at most that
 *       many features: its {@code MAX_LEVELS - 1} most frequent levels (ties by first appearance in
 *       the column's dictionary) keep a feature each, and the rarer ones share one feature {@code
 *       name=(other)}, as does a level not seen when fitting. Without the cap a column of a level
 *       per row (an id read as data) costs a feature per row, and a model fitted on it memory and
 *       time in the square of that.
 * </ul>
 */
public final class FeatureEncoder {
  static final String MISSING_SUFFIX = "=(missing)";

  /** The most features a categorical column's levels get (the missing indicator aside). */
  public static final int MAX_LEVELS = 100;

  static final String OTHER_SUFFIX = "=(other)";

  private final List<ColumnEncoding> encodings;
  private final List<String> featureNames;

  private FeatureEncoder(List<ColumnEncoding> encodings) {
    this.encodings = List.copyOf(encodings);
    List<String> names = new ArrayList<>();
    for (ColumnEncoding e : encodings) {
      names.addAll(e.featureNames());
    }
    this.featureNames = List.copyOf(names);
  }

  /** Fits on the named columns of a table. */
  public static FeatureEncoder fit(Table table, List<String> columns) {
    List<ColumnEncoding> encodings = new ArrayList<>(columns.size());
    for (String name : columns) {
      Column c = table.column(name);
      encodings.add(
          c instanceof NumericColumn n
              ? NumericEncoding.fit(name, n)
              : CategoricalEncoding.fit(name, (CategoricalColumn) c));
    }
    return new FeatureEncoder(encodings);
  }

  /** Fits on the table's feature columns (role {@link ColumnRole#FEATURE}). */
  public static FeatureEncoder fit(Table table) {
    return fit(table, table.schema().names(ColumnRole.FEATURE));
  }

  /** The input columns, in order. */
  public List<String> columns() {
    return encodings.stream().map(ColumnEncoding::column).toList();
  }

  public List<String> featureNames() {
    return featureNames;
  }

  public int width() {
    return featureNames.size();
  }

  /**
   * The scale a numeric input column is divided by: its fitted population standard deviation (1 for
   * a constant column), so a change of {@code delta} in the column changes its encoded feature
   * (named as the column) by {@code delta / scale(column)}.
   *
   * @throws IllegalArgumentException when the column is not a fitted numeric column
   */
  public double scale(String column) {
    for (ColumnEncoding e : encodings) {
      if (e instanceof NumericEncoding n && n.column().equals(column)) {
        return n.scale();
      }
    }
    throw new IllegalArgumentException(
        "no numeric input column " + UserInputException.quote(column) + " among " + columns());
  }

  /** Encodes a table that has (at least) the fitted columns, of the fitted types. */
  public FeatureMatrix transform(Table table) {
    int rows = table.rowCount();
    int width = width();
    double[] data = new double[FeatureMatrix.cells(rows, width)];
    int offset = 0;
    for (ColumnEncoding e : encodings) {
      Column c = table.column(e.column());
      e.encode(c, data, width, offset);
      offset += e.featureNames().size();
    }
    return new FeatureMatrix(rows, width, data, featureNames);
  }

  /**
   * Encodes a table as {@link #transform} does, without storing the one-hot zeros: the same
   * features and values in a fraction of the memory, for models that go over rows' non-zero
   * features (a fit's gradient) rather than index a dense matrix.
   */
  public CompactFeatures compact(Table table) {
    int rows = table.rowCount();
    int n = encodings.size();
    int[] first = new int[n];
    double[][] numeric = new double[n][];
    boolean[][] missing = new boolean[n][];
    byte[][] position = new byte[n][];
    int offset = 0;
    for (int i = 0; i < n; i++) {
      ColumnEncoding e = encodings.get(i);
      Column c = table.column(e.column());
      first[i] = offset;
      if (e instanceof NumericEncoding ne) {
        numeric[i] = new double[rows];
        missing[i] = ne.indicator() ? new boolean[rows] : null;
        ne.encodeCompact(c, numeric[i], missing[i]);
      } else {
        position[i] = new byte[rows];
        ((CategoricalEncoding) e).encodeCompact(c, position[i]);
      }
      offset += e.featureNames().size();
    }
    return new CompactFeatures(rows, featureNames, first, numeric, missing, position);
  }

  /** A column whose type differs from the fitted table's: a user error (a CSV read differently). */
  private static UserInputException typeChanged(String column, ColumnType fitted) {
    ColumnType other = fitted == ColumnType.NUMERIC ? ColumnType.CATEGORICAL : ColumnType.NUMERIC;
    return new UserInputException(
        "column " + UserInputException.quote(column),
        "a " + other.id() + " column",
        "a " + fitted.id() + " column, as when the encoder was fitted",
        "force the column's type when reading the CSV, or fix the values that changed its type");
  }

  private sealed interface ColumnEncoding permits NumericEncoding, CategoricalEncoding {
    String column();

    List<String> featureNames();

    void encode(Column c, double[] out, int stride, int offset);
  }

  private record NumericEncoding(String column, double mean, double scale, boolean indicator)
      implements ColumnEncoding {

    static NumericEncoding fit(String name, NumericColumn c) {
      double sum = 0;
      int n = 0;
      for (int r = 0; r < c.size(); r++) {
        double v = c.get(r);
        if (!Double.isNaN(v)) {
          sum += v;
          n++;
        }
      }
      double mean = n == 0 ? 0 : sum / n;
      double ss = 0;
      for (int r = 0; r < c.size(); r++) {
        double v = c.get(r);
        if (!Double.isNaN(v)) {
          ss += (v - mean) * (v - mean);
        }
      }
      double std = n == 0 ? 0 : Math.sqrt(ss / n);
      return new NumericEncoding(name, mean, std > 0 ? std : 1, n < c.size());
    }

    @Override
    public List<String> featureNames() {
      return indicator ? List.of(column, column + MISSING_SUFFIX) : List.of(column);
    }

    @Override
    public void encode(Column c, double[] out, int stride, int offset) {
      if (!(c instanceof NumericColumn n)) {
        throw typeChanged(column, ColumnType.NUMERIC);
      }
      for (int r = 0, at = offset; r < n.size(); r++, at += stride) {
        double v = n.get(r);
        boolean missing = Double.isNaN(v);
        out[at] = missing ? 0 : (v - mean) / scale;
        if (indicator) {
          out[at + 1] = missing ? 1 : 0;
        }
      }
    }

    /** As {@link #encode}: the value feature into {@code values}, the indicator into missing. */
    void encodeCompact(Column c, double[] values, boolean[] missing) {
      if (!(c instanceof NumericColumn n)) {
        throw typeChanged(column, ColumnType.NUMERIC);
      }
      for (int r = 0; r < n.size(); r++) {
        double v = n.get(r);
        boolean isMissing = Double.isNaN(v);
        values[r] = isMissing ? 0 : (v - mean) / scale;
        if (missing != null) {
          missing[r] = isMissing;
        }
      }
    }
  }

  /**
   * @param levels the levels with a feature of their own, in feature order
   * @param pooled whether the rarer levels (and unseen ones) share a {@code name=(other)} feature
   * @param indicator whether a {@code name=(missing)} feature follows
   */
  private record CategoricalEncoding(
      String column, List<String> levels, boolean pooled, boolean indicator)
      implements ColumnEncoding {

    static CategoricalEncoding fit(String name, CategoricalColumn c) {
      int[] counts = c.counts();
      List<Integer> present = new ArrayList<>();
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] > 0) {
          present.add(i);
        }
      }
      boolean pooled = present.size() > MAX_LEVELS;
      if (pooled) {
        // stable sort: equal counts keep dictionary order
        List<Integer> byCount = new ArrayList<>(present);
        byCount.sort((a, b) -> Integer.compare(counts[b], counts[a]));
        Set<Integer> kept = new HashSet<>(byCount.subList(0, MAX_LEVELS - 1));
        present.removeIf(i -> !kept.contains(i));
      }
      List<String> levels = present.stream().map(i -> c.levels().get(i)).toList();
      return new CategoricalEncoding(name, levels, pooled, c.missingCount() > 0);
    }

    @Override
    public List<String> featureNames() {
      List<String> names = new ArrayList<>(levels.size() + 2);
      for (String level : levels) {
        names.add(column + "=" + level);
      }
      if (pooled) {
        names.add(column + OTHER_SUFFIX);
      }
      if (indicator) {
        names.add(column + MISSING_SUFFIX);
      }
      return names;
    }

    @Override
    public void encode(Column c, double[] out, int stride, int offset) {
      if (!(c instanceof CategoricalColumn k)) {
        throw typeChanged(column, ColumnType.CATEGORICAL);
      }
      int[] position = positions(k);
      int missing = missingPosition();
      for (int r = 0, at = offset; r < k.size(); r++, at += stride) {
        int code = k.code(r);
        if (code == CategoricalColumn.MISSING) {
          if (indicator) {
            out[at + missing] = 1;
          }
        } else if (position[code] >= 0) {
          out[at + position[code]] = 1;
        }
      }
    }

    /** As {@link #encode}: each row's feature within the column, -1 where all are 0. */
    void encodeCompact(Column c, byte[] out) {
      if (!(c instanceof CategoricalColumn k)) {
        throw typeChanged(column, ColumnType.CATEGORICAL);
      }
      // at most MAX_LEVELS + 1 features (levels and (other), then (missing)): a byte holds them
      int[] position = positions(k);
      int missing = indicator ? missingPosition() : -1;
      for (int r = 0; r < k.size(); r++) {
        int code = k.code(r);
        out[r] = (byte) (code == CategoricalColumn.MISSING ? missing : position[code]);
      }
    }

    /** The feature within the column of each of the column's dictionary codes, -1 for none. */
    private int[] positions(CategoricalColumn k) {
      Map<String, Integer> fitted = CategoricalColumn.indexOf(levels);
      int other = pooled ? levels.size() : -1;
      int[] position = new int[k.levels().size()];
      for (int i = 0; i < position.length; i++) {
        position[i] = fitted.getOrDefault(k.levels().get(i), other);
      }
      return position;
    }

    private int missingPosition() {
      return levels.size() + (pooled ? 1 : 0);
    }
  }
}
