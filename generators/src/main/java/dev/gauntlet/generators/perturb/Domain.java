package dev.gauntlet.generators.perturb;

import static dev.gauntlet.UserInputException.quote;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.Column;
import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.ColumnSpec;
import dev.gauntlet.data.ColumnType;
import dev.gauntlet.data.NumberText;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import dev.gauntlet.internal.Suggestions;
import dev.gauntlet.spi.Parameter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What values a table's columns may take, so a perturbation never makes an impossible one.
 *
 * <ul>
 *   <li>A numeric column whose present values are all whole numbers stays whole (values rounded).
 *   <li>A numeric column with no negative value stays non-negative (an age or an amount).
 *   <li>Declared ranges ({@code ranges=age:18..100;duration:1..}) clamp values; an open end is
 *       unbounded (within the non-negative rule).
 *   <li>Immutable columns ({@code immutable=sex;age}) and the label are never chosen by default;
 *       naming one explicitly in {@code columns=} is an error. Perturbations that change labels do
 *       so on purpose.
 *   <li>Categorical values stay within the column's levels (only {@code typos} adds levels).
 * </ul>
 *
 * <p>Every perturbation accepts {@code label}, {@code immutable} and {@code ranges} ({@link
 * #PARAMETERS}). The label is the {@code label=} column if given (an empty value: none), else the
 * column whose schema role is {@code label}.
 */
public final class Domain {
  /** The parameters every perturbation accepts. */
  public static final List<Parameter> PARAMETERS =
      List.of(
          new Parameter(
              "label",
              "",
              "the label column (default: the column whose role is label; empty: none)"),
          new Parameter("immutable", "", "columns never changed, as a;b"),
          new Parameter("ranges", "", "declared ranges, as age:18..100;income:0.."));

  private final String perturbation;
  private final Table table;
  private final String label;
  private final Set<String> immutable;
  private final Map<String, double[]> bounds;
  private final Set<String> integers;
  // What one application did, for its summary (a Domain serves one application).
  private long valuesClipped;
  private Resampling resampling;
  private int insertedCopies = -1;

  /**
   * A resample's account.
   *
   * @param replaced rows replaced in place by copies of other rows
   * @param effectiveSampleSize Kish's effective sample size of the resampling weights
   */
  record Resampling(int replaced, double effectiveSampleSize) {}

  private Domain(
      String perturbation,
      Table table,
      String label,
      Set<String> immutable,
      Map<String, double[]> bounds,
      Set<String> integers) {
    this.perturbation = perturbation;
    this.table = table;
    this.label = label;
    this.immutable = immutable;
    this.bounds = bounds;
    this.integers = integers;
  }

  /** The domain of a table under the common parameters. */
  public static Domain of(Table table, Params params) {
    String label;
    if (params.has("label")) {
      label = params.optional("label");
    } else {
      List<String> labels = table.schema().names(ColumnRole.LABEL);
      label = labels.isEmpty() ? null : labels.get(0);
    }
    if (label != null) {
      requireColumn(table, params, "label", label);
    }
    Set<String> immutable = new LinkedHashSet<>();
    for (String c : params.list("immutable")) {
      requireColumn(table, params, "immutable", c);
      immutable.add(c);
    }
    Map<String, double[]> bounds = new HashMap<>();
    Set<String> integers = new LinkedHashSet<>();
    for (int j = 0; j < table.columnCount(); j++) {
      if (table.column(j) instanceof NumericColumn n) {
        String name = table.schema().get(j).name();
        double min = Double.POSITIVE_INFINITY;
        for (int r = 0; r < n.size(); r++) {
          double v = n.get(r);
          if (!Double.isNaN(v)) {
            min = Math.min(min, v);
          }
        }
        bounds.put(
            name, new double[] {min >= 0 ? 0 : Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY});
        if (min != Double.POSITIVE_INFINITY && n.allIntegers()) {
          integers.add(name);
        }
      }
    }
    for (String item : params.list("ranges")) {
      int colon = item.lastIndexOf(':');
      int dots = item.indexOf("..", Math.max(colon, 0));
      if (colon <= 0 || dots < 0) {
        throw params.error(
            "ranges",
            quote(item),
            "column:min..max (either end may be left out)",
            "write age:18..100");
      }
      String column = item.substring(0, colon);
      requireColumn(table, params, "ranges", column);
      if (!(table.column(column) instanceof NumericColumn)) {
        throw params.error(
            "ranges",
            quote(column) + " is categorical",
            "a numeric column",
            "declare ranges on numeric columns");
      }
      double lo = end(params, item, item.substring(colon + 1, dots), Double.NEGATIVE_INFINITY);
      double hi = end(params, item, item.substring(dots + 2), Double.POSITIVE_INFINITY);
      if (lo > hi) {
        throw params.error("ranges", quote(item), "min <= max", "swap the ends");
      }
      bounds.put(column, new double[] {lo, hi});
    }
    return new Domain(params.perturbation(), table, label, immutable, bounds, integers);
  }

  /**
   * The domain of a table under common parameters given as a map (label, immutable, ranges), for
   * code that is not a registered perturbation; {@code who} names it in errors.
   */
  public static Domain of(Table table, String who, Map<String, String> common) {
    return of(table, Params.of(who, common, PARAMETERS));
  }

  private static double end(Params params, String item, String text, double open) {
    if (text.isBlank()) {
      return open;
    }
    if (!NumberText.isNumber(text.trim())) {
      throw params.error("ranges", quote(item), "numbers at both ends", "write age:18..100");
    }
    return NumberText.parse(text.trim());
  }

  static void requireColumn(Table table, Params params, String key, String column) {
    if (!table.schema().contains(column)) {
      throw params.error(
          key,
          "no column " + quote(column),
          "one of " + table.schema().names(),
          Suggestions.columnFix(column, table.schema().names()));
    }
  }

  public Table table() {
    return table;
  }

  /** The label column, or null. */
  public String label() {
    return label;
  }

  /** The label column; an error naming the perturbation when there is none. */
  public String requireLabel() {
    if (label == null) {
      throw new UserInputException(
          perturbation + ": label",
          "no label column: the input has no column with role label and label= was not given",
          "the name of the label column",
          "add label=COLUMN to the perturbation, or pass --label COLUMN");
    }
    return label;
  }

  public boolean isImmutable(String column) {
    return immutable.contains(column);
  }

  public Set<String> immutable() {
    return Set.copyOf(immutable);
  }

  public boolean isInteger(String column) {
    return integers.contains(column);
  }

  /** The allowed interval of a numeric column: declared, or [0, inf) for a non-negative one. */
  public double[] bounds(String column) {
    double[] b = bounds.get(column);
    return b == null
        ? new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY}
        : b.clone();
  }

  /** A possible value of a numeric column closest to {@code v}: clamped, then rounded inward. */
  public double fix(String column, double v) {
    if (Double.isNaN(v)) {
      return v;
    }
    double[] b =
        bounds.getOrDefault(
            column, new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY});
    double lo = b[0];
    double hi = b[1];
    if (integers.contains(column)) {
      lo = Math.ceil(lo);
      hi = Math.floor(hi);
      v = Math.rint(v);
    }
    return Math.min(hi, Math.max(lo, v));
  }

  /** Whether a column of type {@code a} is one of type {@code b}: dates count as numbers. */
  private static boolean sameKind(ColumnType a, ColumnType b) {
    return a == b || a.isNumeric() && b == ColumnType.NUMERIC;
  }

  /** The columns a perturbation may change by default: not the label, not immutable, of a type. */
  public List<String> mutable(ColumnType type) {
    List<String> out = new ArrayList<>();
    for (ColumnSpec spec : table.schema().columns()) {
      if (sameKind(spec.type(), type)
          && spec.role() != ColumnRole.ID
          && spec.role() != ColumnRole.WEIGHT
          && !spec.name().equals(label)
          && !immutable.contains(spec.name())) {
        out.add(spec.name());
      }
    }
    return out;
  }

  /**
   * The columns named by {@code key} (a;b), checked to exist, be of an accepted type and be
   * mutable; or, when the key is absent or empty, every mutable column of the accepted types.
   */
  public List<String> columns(Params params, String key, ColumnType... types) {
    List<String> named = params.list(key);
    if (named.isEmpty()) {
      List<String> out = new ArrayList<>();
      for (ColumnSpec spec : table.schema().columns()) {
        for (ColumnType t : types) {
          if (spec.type() == t && mutable(t).contains(spec.name())
              || t == ColumnType.NUMERIC
                  && spec.type() == ColumnType.DATETIME
                  && mutable(t).contains(spec.name())) {
            out.add(spec.name());
          }
        }
      }
      return out;
    }
    if (new java.util.HashSet<>(named).size() < named.size()) {
      throw params.error(
          key,
          String.join(";", named) + " (a column named twice)",
          "each column once",
          "name each column once");
    }
    for (String c : named) {
      requireColumn(table, params, key, c);
      ColumnType type = table.schema().spec(c).type();
      if (List.of(types).stream().noneMatch(t -> sameKind(type, t))) {
        throw params.error(
            key,
            quote(c) + " is " + type.id(),
            "a column of type " + List.of(types).stream().map(ColumnType::id).toList(),
            "choose another column");
      }
      if (c.equals(label) || immutable.contains(c)) {
        throw params.error(
            key,
            quote(c) + (c.equals(label) ? " is the label" : " is immutable"),
            "a feature column that may change",
            "choose another column, or drop it from immutable=");
      }
    }
    return named;
  }

  /**
   * A numeric column of new values, each value that differs from {@code before} passed through
   * {@link #fix} (a value the perturbation left alone stays as the input has it, even outside a
   * declared range). Values moved into the column's range are counted as clipped.
   */
  public NumericColumn fixed(String column, NumericColumn before, double[] after) {
    boolean whole = isInteger(column);
    for (int i = 0; i < after.length; i++) {
      double v = after[i];
      if (Double.doubleToLongBits(v) == Double.doubleToLongBits(before.get(i))) {
        continue;
      }
      double f = fix(column, v);
      if (!Double.isNaN(v) && f != (whole ? Math.rint(v) : v)) {
        valuesClipped++;
      }
      after[i] = f;
    }
    return NumericColumn.of(after);
  }

  /** New values moved into their column's range by {@link #fixed} so far. */
  long valuesClipped() {
    return valuesClipped;
  }

  /** Records a resample of this table, for the summary. */
  void resampled(int replaced, double[] weights) {
    resampling = new Resampling(replaced, dev.gauntlet.spi.PerturbationResult.kish(weights));
  }

  /** The resample recorded, or null. */
  Resampling resampling() {
    return resampling;
  }

  /** Records copies of rows inserted among the original ones, for the summary. */
  void inserted(int copies) {
    insertedCopies = copies;
  }

  /** The copies recorded by {@link #inserted}, or -1. */
  int insertedCopies() {
    return insertedCopies;
  }

  /** The table with one column replaced (same spec). */
  public static Table replace(Table t, String column, Column values) {
    return t.withColumn(t.schema().spec(column), values);
  }

  /** The present values of a numeric column. */
  static double[] present(NumericColumn c) {
    return java.util.Arrays.stream(c.values()).filter(v -> !Double.isNaN(v)).toArray();
  }

  /**
   * Mean and population standard deviation of the present values (std 1 when constant/empty).
   * Computed on values scaled by a power of two near the largest magnitude, so values near 1e300
   * (whose squares, or sums, overflow) give a finite mean and standard deviation.
   */
  static double[] meanStd(NumericColumn c) {
    double[] v = present(c);
    if (v.length == 0) {
      return new double[] {0, 1};
    }
    double max = 0;
    for (double x : v) {
      max = Math.max(max, Math.abs(x));
    }
    if (!(max >= Double.MIN_NORMAL) || Double.isInfinite(max)) {
      // All (nearly) zero, or an infinity in the data: the plain formula says what it can.
      return plainMeanStd(v);
    }
    // A power of two, so that dividing by it is exact and the figures are the plain formula's
    // wherever that does not overflow.
    double scale = Math.scalb(1.0, Math.getExponent(max));
    double scaledMean = java.util.Arrays.stream(v).map(x -> x / scale).average().orElse(0);
    double ss = 0;
    for (double x : v) {
      double d = x / scale - scaledMean;
      ss += d * d;
    }
    double std = Math.sqrt(ss / v.length) * scale;
    return new double[] {scaledMean * scale, std > 0 && Double.isFinite(std) ? std : 1};
  }

  private static double[] plainMeanStd(double[] v) {
    double mean = java.util.Arrays.stream(v).average().orElse(0);
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    double std = Math.sqrt(ss / v.length);
    return new double[] {mean, std > 0 && Double.isFinite(std) ? std : 1};
  }

  /** The label's class of each row as codes into {@code levels} of a categorical label. */
  static CategoricalColumn labelColumn(Table t, String label, Params params) {
    Column c = t.column(label);
    if (c instanceof CategoricalColumn k) {
      return k;
    }
    // A numeric label (0/1-coded) is read as classes through its text.
    NumericColumn n = (NumericColumn) c;
    String[] text = new String[n.size()];
    for (int r = 0; r < text.length; r++) {
      text[r] = n.isMissing(r) ? null : n.format(r);
    }
    return CategoricalColumn.ofValues(text);
  }

  /** Writes classes back as the label column's own type. */
  static Column labelValues(Table t, String label, CategoricalColumn classes) {
    if (t.column(label) instanceof CategoricalColumn) {
      return classes;
    }
    double[] out = new double[classes.size()];
    for (int r = 0; r < out.length; r++) {
      out[r] = classes.isMissing(r) ? Double.NaN : NumberText.parse(classes.level(r));
    }
    return NumericColumn.of(out);
  }
}
