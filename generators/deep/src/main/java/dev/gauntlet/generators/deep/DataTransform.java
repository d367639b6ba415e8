package dev.gauntlet.generators.deep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.FieldException;
import dev.gauntlet.UserInputException;
import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.Column;
import dev.gauntlet.data.ColumnSpec;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Schema;
import dev.gauntlet.data.Table;
import dev.gauntlet.internal.JsonAt;
import dev.gauntlet.spi.GeneratorFiles;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * CTGAN's data transform: every row becomes a vector of floats the networks read and write.
 *
 * <ul>
 *   <li>A numeric column gets a one-dimensional Gaussian mixture, fitted by EM from quantile starts
 *       (so without randomness) with at most {@code maxModes} components; components whose weight
 *       falls below {@link #MIN_WEIGHT} are pruned, as CTGAN's Bayesian mixture does. A value
 *       becomes a scalar {@code (x - mean_k) / (4 std_k)} (in [-1, 1] for all but far tails) and a
 *       one-hot of its most probable mode {@code k}.
 *   <li>A categorical column becomes a one-hot of its levels.
 *   <li>A column with missing values in the fitted table gets one more one-hot slot, "missing".
 * </ul>
 *
 * <p>The inverse takes the scalar and the arg-max of every one-hot, maps the scalar back through
 * its mode, clamps it to the fitted range and rounds it to the most decimals the fitted values had
 * (whole numbers for an integer column), so outputs respect the schema. On the fitted data the
 * round trip is exact whenever the values carry at most {@link #MAX_DECIMALS} decimals.
 */
final class DataTransform {
  /** Mixture components below this weight are pruned (CTGAN's default threshold). */
  static final double MIN_WEIGHT = 0.005;

  /** Values with more decimals than this are not rounded on the way back. */
  static final int MAX_DECIMALS = 10;

  private static final int EM_ITERATIONS = 200;

  /** One column's encoding. Numeric fields are empty for categorical columns and vice versa. */
  record ColumnCode(
      ColumnSpec spec,
      int offset,
      boolean hasMissing,
      double[] means,
      double[] stds,
      double[] weights,
      double min,
      double max,
      int decimals,
      List<String> levels) {

    boolean numeric() {
      return spec.type().isNumeric();
    }

    /** Slots of the one-hot part: modes or levels, plus the missing slot. */
    int choices() {
      return (numeric() ? means.length : levels.size()) + (hasMissing ? 1 : 0);
    }

    /** Where the one-hot part starts. */
    int oneHotOffset() {
      return numeric() ? offset + 1 : offset;
    }

    int width() {
      return (numeric() ? 1 : 0) + choices();
    }
  }

  /** A run of output slots activated together: one tanh scalar, or one softmax one-hot. */
  record Span(int start, int length, boolean tanh) {}

  private final Schema schema;
  private final List<ColumnCode> columns;
  private final List<Span> spans;
  private final int width;

  private DataTransform(Schema schema, List<ColumnCode> columns) {
    this.schema = schema;
    this.columns = List.copyOf(columns);
    List<Span> s = new ArrayList<>();
    int w = 0;
    for (ColumnCode c : this.columns) {
      if (c.numeric()) {
        s.add(new Span(c.offset(), 1, true));
      }
      s.add(new Span(c.oneHotOffset(), c.choices(), false));
      w = c.offset() + c.width();
    }
    this.spans = List.copyOf(s);
    this.width = w;
  }

  /**
   * Standard deviation of the mode of one whole-number value (see {@link #fit(Table, int,
   * boolean)}): a scalar in [-1, 1] moves the value by at most 4 x 0.1 = 0.4, which rounds back.
   */
  static final double VALUE_MODE_STD = 0.1;

  /** Fits the transform to a table, every numeric column by a Gaussian mixture. */
  static DataTransform fit(Table table, int maxModes) {
    return fit(table, maxModes, false);
  }

  /**
   * Fits the transform to a table; with {@code valueModes}, a numeric column of whole numbers with
   * at most {@code maxModes} distinct values gets one mode per value (mean the value, weight its
   * share) instead of a fitted mixture, so the networks choose its values as levels: a 1-to-4 scale
   * is four modes, never a mode straddling two values.
   */
  static DataTransform fit(Table table, int maxModes, boolean valueModes) {
    if (maxModes < 1) {
      throw new IllegalArgumentException("max modes is not positive: " + maxModes);
    }
    List<ColumnCode> codes = new ArrayList<>();
    int offset = 0;
    for (int i = 0; i < table.columnCount(); i++) {
      ColumnSpec spec = table.schema().get(i);
      Column col = table.column(i);
      boolean missing = col.missingCount() > 0;
      ColumnCode code;
      if (col instanceof NumericColumn n) {
        code = fitNumeric(spec, n, offset, missing, maxModes, valueModes);
      } else {
        CategoricalColumn k = (CategoricalColumn) col;
        code = new ColumnCode(spec, offset, missing, null, null, null, 0, 0, 0, k.levels());
      }
      codes.add(code);
      offset += code.width();
    }
    return new DataTransform(table.schema(), codes);
  }

  private static ColumnCode fitNumeric(
      ColumnSpec spec,
      NumericColumn col,
      int offset,
      boolean missing,
      int maxModes,
      boolean valueModes) {
    double[] x = Arrays.stream(col.values()).filter(v -> !Double.isNaN(v)).toArray();
    if (x.length == 0) {
      return new ColumnCode(
          spec, offset, true, new double[] {0}, new double[] {1}, new double[] {1}, 0, 0, 0, null);
    }
    Arrays.sort(x);
    double min = x[0];
    double max = x[x.length - 1];
    int decimals = 0;
    for (double v : x) {
      decimals = Math.max(decimals, decimals(v));
    }
    double[] distinct = Arrays.stream(x).distinct().limit(maxModes + 1L).toArray();
    double[][] mixture =
        valueModes && decimals == 0 && distinct.length <= maxModes
            ? valueModes(x, distinct)
            : Mixture.fit(x, maxModes, MIN_WEIGHT, EM_ITERATIONS);
    return new ColumnCode(
        spec, offset, missing, mixture[0], mixture[1], mixture[2], min, max, decimals, null);
  }

  /** One mode per distinct value of sorted {@code x}: means, stds and weights. */
  private static double[][] valueModes(double[] x, double[] distinct) {
    double[] stds = new double[distinct.length];
    double[] weights = new double[distinct.length];
    Arrays.fill(stds, VALUE_MODE_STD);
    for (double v : x) {
      weights[Arrays.binarySearch(distinct, v)]++;
    }
    for (int k = 0; k < weights.length; k++) {
      weights[k] /= x.length;
    }
    return new double[][] {distinct.clone(), stds, weights};
  }

  /** Decimal places of a value's shortest text, or {@code MAX_DECIMALS + 1} when more. */
  static int decimals(double v) {
    if (Double.isInfinite(v)) {
      return 0;
    }
    int scale = new BigDecimal(Double.toString(v)).stripTrailingZeros().scale();
    return Math.min(MAX_DECIMALS + 1, Math.max(0, scale));
  }

  Schema schema() {
    return schema;
  }

  List<ColumnCode> columns() {
    return columns;
  }

  List<Span> spans() {
    return spans;
  }

  /** Floats per encoded row. */
  int width() {
    return width;
  }

  /** The rows of {@code table} (with this transform's schema) as a row-major float matrix. */
  float[] encode(Table table) {
    int rows = table.rowCount();
    float[] out = new float[rows * width];
    for (ColumnCode c : columns) {
      Column col = table.column(c.spec().name());
      if (c.numeric()) {
        NumericColumn n = (NumericColumn) col;
        for (int r = 0; r < rows; r++) {
          int base = r * width;
          double v = n.get(r);
          if (Double.isNaN(v)) {
            out[base + c.oneHotOffset() + c.choices() - 1] = 1;
          } else {
            int k = mode(c, v);
            out[base + c.offset()] = (float) ((v - c.means()[k]) / (4 * c.stds()[k]));
            out[base + c.oneHotOffset() + k] = 1;
          }
        }
      } else {
        CategoricalColumn k = ((CategoricalColumn) col).recode(c.levels());
        for (int r = 0; r < rows; r++) {
          int code = k.code(r);
          int slot = code == CategoricalColumn.MISSING ? c.choices() - 1 : code;
          out[r * width + c.offset() + slot] = 1;
        }
      }
    }
    return out;
  }

  /** The most probable mixture component of a present value. */
  static int mode(ColumnCode c, double v) {
    int best = 0;
    double bestLog = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < c.means().length; k++) {
      double z = (v - c.means()[k]) / c.stds()[k];
      double log = Math.log(c.weights()[k]) - Math.log(c.stds()[k]) - 0.5 * z * z;
      if (log > bestLog) {
        bestLog = log;
        best = k;
      }
    }
    return best;
  }

  /**
   * Rows back from a row-major matrix of {@code rows} encoded rows (or network outputs after
   * activation): scalars through their arg-max mode, one-hots by arg-max.
   */
  Table decode(float[] data, int rows) {
    List<Column> cols = new ArrayList<>(columns.size());
    for (ColumnCode c : columns) {
      if (c.numeric()) {
        double[] values = new double[rows];
        for (int r = 0; r < rows; r++) {
          int base = r * width;
          int k = argMax(data, base + c.oneHotOffset(), c.choices());
          if (c.hasMissing() && k == c.choices() - 1) {
            values[r] = Double.NaN;
          } else {
            double s = data[base + c.offset()];
            values[r] = toRange(c, c.means()[k] + s * 4 * c.stds()[k]);
          }
        }
        cols.add(NumericColumn.of(values));
      } else {
        int[] codes = new int[rows];
        for (int r = 0; r < rows; r++) {
          int k = argMax(data, r * width + c.offset(), c.choices());
          codes[r] = c.hasMissing() && k == c.choices() - 1 ? CategoricalColumn.MISSING : k;
        }
        cols.add(CategoricalColumn.of(codes, c.levels()));
      }
    }
    return Table.of(schema, cols);
  }

  private static double toRange(ColumnCode c, double v) {
    double x = Math.max(c.min(), Math.min(c.max(), v));
    if (c.decimals() <= MAX_DECIMALS) {
      x = new BigDecimal(x).setScale(c.decimals(), java.math.RoundingMode.HALF_EVEN).doubleValue();
      x = Math.max(c.min(), Math.min(c.max(), x));
    }
    return x == 0 ? 0.0 : x; // no negative zero
  }

  static int argMax(float[] data, int from, int length) {
    int best = 0;
    for (int i = 1; i < length; i++) {
      if (data[from + i] > data[from + best]) {
        best = i;
      }
    }
    return best;
  }

  /** The transform as JSON, for {@link #fromJson}. */
  JsonNode toJson() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ArrayNode arr = f.arrayNode();
    for (ColumnCode c : columns) {
      ObjectNode o = arr.addObject();
      o.put("name", c.spec().name());
      o.put("type", c.spec().type().id());
      o.put("role", c.spec().role().name().toLowerCase(java.util.Locale.ROOT));
      if (c.spec().dateFormat() != null) {
        o.put("date_format", c.spec().dateFormat().pattern());
      }
      o.put("missing", c.hasMissing());
      if (c.numeric()) {
        putArray(o.putArray("means"), c.means());
        putArray(o.putArray("stds"), c.stds());
        putArray(o.putArray("weights"), c.weights());
        o.put("min", c.min());
        o.put("max", c.max());
        o.put("decimals", c.decimals());
      } else {
        ArrayNode levels = o.putArray("levels");
        c.levels().forEach(levels::add);
      }
    }
    return arr;
  }

  private static void putArray(ArrayNode node, double[] values) {
    for (double v : values) {
      node.add(v);
    }
  }

  /** The transform {@link #toJson} wrote, checked: a problem is a {@link FieldException}. */
  static DataTransform fromJson(JsonAt node) {
    List<ColumnCode> codes = new ArrayList<>();
    List<ColumnSpec> specs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    int offset = 0;
    List<JsonAt> items = node.list("a list of column encodings [{\"name\": ..., ...}]");
    if (items.isEmpty()) {
      throw node.bad("a list of at least one column encoding");
    }
    for (JsonAt o : items) {
      ColumnSpec spec = GeneratorFiles.column(o);
      if (names.contains(spec.name())) {
        throw o.get("name")
            .bad(
                UserInputException.quote(spec.name()) + " a second time",
                "a name no other column has");
      }
      names.add(spec.name());
      boolean missing = o.get("missing").asBoolean();
      ColumnCode c;
      if (spec.type().isNumeric()) {
        double[] means = o.get("means").asDoubles();
        if (means.length == 0) {
          throw o.get("means").bad("a list of at least one mode's mean");
        }
        double[] stds = sameLength(o.get("stds"), means.length);
        double[] weights = sameLength(o.get("weights"), means.length);
        for (int k = 0; k < means.length; k++) {
          if (!(stds[k] > 0)) {
            throw o.get("stds").get(k).bad("a standard deviation above 0");
          }
          if (!(weights[k] >= 0)) {
            throw o.get("weights").get(k).bad("a weight >= 0");
          }
        }
        double min = o.get("min").asDouble();
        double max = o.get("max").asDouble();
        if (!(max >= min)) {
          throw o.get("max").bad("a number >= min (" + min + ")");
        }
        int decimals = o.get("decimals").asInt(0, Integer.MAX_VALUE);
        c = new ColumnCode(spec, offset, missing, means, stds, weights, min, max, decimals, null);
      } else {
        List<String> levels = new ArrayList<>();
        for (JsonAt l : o.get("levels").list("a list of level names")) {
          String level = l.asText();
          if (levels.contains(level)) {
            throw l.bad(
                UserInputException.quote(level) + " a second time", "level names, each once");
          }
          levels.add(level);
        }
        if (levels.isEmpty() && !missing) {
          throw o.get("levels").bad("at least one level (or \"missing\": true)");
        }
        c = new ColumnCode(spec, offset, missing, null, null, null, 0, 0, 0, levels);
      }
      specs.add(spec);
      codes.add(c);
      offset += c.width();
    }
    return new DataTransform(Schema.of(specs), codes);
  }

  private static double[] sameLength(JsonAt at, int n) {
    double[] v = at.asDoubles();
    if (v.length != n) {
      throw at.bad(v.length + " values", n + " values, one per mode (as in means)");
    }
    return v;
  }
}
