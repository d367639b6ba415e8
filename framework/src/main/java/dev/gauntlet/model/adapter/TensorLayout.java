package dev.gauntlet.model.adapter;

import static dev.gauntlet.UserInputException.quote;

import dev.gauntlet.FieldException;
import dev.gauntlet.UserInputException;
import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.Column;
import dev.gauntlet.data.NumberText;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import dev.gauntlet.spi.Parameter;
import dev.gauntlet.spi.ParameterValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a model from outside (an ONNX or TorchScript file, an endpoint) sees a table: named columns,
 * in a declared order, as one float32 row each (categorical columns one-hot over listed levels, or
 * as codes), and its output as probabilities labelled by a declared class list. Shared by every
 * adapter, so they all take the same parameters:
 *
 * <pre>
 * inputs: sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm
 * one-hot.checking_status: "&lt;0 | 0&lt;=X&lt;200 | &gt;=200 | no checking"   # or codes.COLUMN
 * classes: setosa, versicolor, virginica
 * scores: probabilities        # or logits (a softmax is applied)
 * tolerance: 0.0001            # how far a row's probabilities may sum from 1
 * batch-size: 1024
 * </pre>
 */
public final class TensorLayout {
  /** The parameters every adapter shares, with their defaults. */
  public static final List<Parameter> PARAMETERS =
      List.of(
          new Parameter(
              "inputs",
              null,
              "the feature columns, comma-separated, in the order of the model's input"),
          new Parameter(
              "classes", null, "the class labels, comma-separated, in the order of the output"),
          new Parameter(
              "scores",
              "probabilities",
              "probabilities, or logits (a softmax is applied to each row)"),
          new Parameter(
              "tolerance",
              "0.0001",
              "how far a row's probabilities may sum from 1 (and stray outside [0, 1]) after"
                  + " float32 rounding"),
          new Parameter("batch-size", "1024", "rows per call of the model; >= 1"));

  /** Descriptions of the per-column encodings, for listings (their keys carry the column). */
  public static final List<Parameter> ENCODINGS =
      List.of(
          new Parameter(
              "one-hot.COLUMN",
              "",
              "a categorical input as one 0/1 value per level, levels separated by |"),
          new Parameter(
              "codes.COLUMN",
              "",
              "a categorical input as its level's position (0, 1, ...), levels separated by |"));

  private static final String ONE_HOT = "one-hot.";
  private static final String CODES = "codes.";

  /** One input column and how it becomes tensor values. */
  public record Feature(String column, Encoding encoding, List<String> levels) {
    public int width() {
      return encoding == Encoding.ONE_HOT ? levels.size() : 1;
    }
  }

  /** How a column becomes tensor values. */
  public enum Encoding {
    NUMBER,
    ONE_HOT,
    CODES
  }

  private final List<Feature> features;
  private final int width;
  private final List<String> classes;
  private final boolean logits;
  private final double tolerance;
  private final int batchSize;
  private final ParameterValues values;

  private TensorLayout(
      List<Feature> features,
      List<String> classes,
      boolean logits,
      double tolerance,
      int batchSize,
      ParameterValues values) {
    this.features = List.copyOf(features);
    this.width = features.stream().mapToInt(Feature::width).sum();
    this.classes = List.copyOf(classes);
    this.logits = logits;
    this.tolerance = tolerance;
    this.batchSize = batchSize;
    this.values = values;
  }

  /**
   * Reads the shared parameters and an adapter's own ({@code more}) from {@code params}; a bad one
   * is a {@link FieldException} naming it.
   */
  public static TensorLayout of(Map<String, String> params, List<Parameter> more) {
    Map<String, String> plain = new LinkedHashMap<>();
    Map<String, String> oneHot = new LinkedHashMap<>();
    Map<String, String> codes = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : params.entrySet()) {
      if (e.getKey().startsWith(ONE_HOT)) {
        oneHot.put(e.getKey().substring(ONE_HOT.length()), e.getValue());
      } else if (e.getKey().startsWith(CODES)) {
        codes.put(e.getKey().substring(CODES.length()), e.getValue());
      } else {
        plain.put(e.getKey(), e.getValue());
      }
    }
    List<Parameter> declared = new ArrayList<>(PARAMETERS);
    declared.addAll(more);
    ParameterValues p = ParameterValues.of(plain, declared);
    List<String> columns = list(p.text("inputs"), ",", "inputs", "a column name");
    Set<String> seen = new HashSet<>();
    for (String c : columns) {
      if (!seen.add(c)) {
        throw new FieldException(
            "inputs", quote(c) + " twice", "each column once", "remove the second " + quote(c));
      }
    }
    Map<String, Feature> categorical = new HashMap<>();
    addCategorical(oneHot, Encoding.ONE_HOT, ONE_HOT, seen, categorical);
    addCategorical(codes, Encoding.CODES, CODES, seen, categorical);
    List<Feature> features = new ArrayList<>();
    for (String c : columns) {
      features.add(categorical.getOrDefault(c, new Feature(c, Encoding.NUMBER, List.of())));
    }
    List<String> classes = list(p.text("classes"), ",", "classes", "a class label");
    if (classes.size() < 2 || new HashSet<>(classes).size() != classes.size()) {
      throw new FieldException(
          "classes", quote(p.text("classes")), "at least two distinct class labels");
    }
    String scores = p.text("scores");
    if (!scores.equals("probabilities") && !scores.equals("logits")) {
      throw new FieldException("scores", quote(scores), "probabilities or logits");
    }
    double tolerance = p.above("tolerance", 0);
    if (tolerance >= 0.5) {
      throw new FieldException("tolerance", p.text("tolerance"), "a number within (0, 0.5)");
    }
    return new TensorLayout(
        features,
        classes,
        scores.equals("logits"),
        tolerance,
        p.integer("batch-size", 1, 1 << 20),
        p);
  }

  /**
   * The shared keys of an adapter's parameters ({@link #PARAMETERS} and the encodings), ignoring
   * the adapter's own (file, url, ...): how a server reads the layout of a model it serves.
   */
  public static TensorLayout shared(Map<String, String> params) {
    Set<String> names = new HashSet<>();
    PARAMETERS.forEach(p -> names.add(p.name()));
    Map<String, String> kept = new LinkedHashMap<>();
    params.forEach(
        (k, v) -> {
          if (names.contains(k) || k.startsWith(ONE_HOT) || k.startsWith(CODES)) {
            kept.put(k, v);
          }
        });
    return of(kept, List.of());
  }

  private static void addCategorical(
      Map<String, String> given,
      Encoding encoding,
      String prefix,
      Set<String> inputs,
      Map<String, Feature> into) {
    for (Map.Entry<String, String> e : given.entrySet()) {
      String column = e.getKey();
      String key = prefix + column;
      if (!inputs.contains(column)) {
        throw new FieldException(
            key,
            quote(column) + ", which is not among the inputs",
            "one of the columns listed in inputs",
            "add " + quote(column) + " to inputs, or remove " + key);
      }
      if (into.containsKey(column)) {
        throw new FieldException(
            key, "a second encoding of " + quote(column), "one-hot or codes, not both");
      }
      List<String> levels = list(e.getValue(), "\\|", key, "a level");
      if (new HashSet<>(levels).size() != levels.size()) {
        throw new FieldException(key, quote(e.getValue()), "distinct levels separated by |");
      }
      into.put(column, new Feature(column, encoding, levels));
    }
  }

  private static List<String> list(String text, String separator, String key, String item) {
    List<String> out = new ArrayList<>();
    for (String part : text.split(separator, -1)) {
      String s = part.strip();
      if (s.isEmpty()) {
        throw new FieldException(
            key, quote(text), item + " between every two separators, none empty");
      }
      out.add(s);
    }
    return out;
  }

  /** The adapter's own parameter values (and the shared ones). */
  public ParameterValues values() {
    return values;
  }

  public List<Feature> features() {
    return features;
  }

  /** Float values per row: the model's input width. */
  public int width() {
    return width;
  }

  public List<String> classes() {
    return classes;
  }

  public boolean logits() {
    return logits;
  }

  public double tolerance() {
    return tolerance;
  }

  public int batchSize() {
    return batchSize;
  }

  /** The input columns as text, for messages: {@code a, b, c[one-hot x3]}. */
  public String describeInputs() {
    List<String> parts = new ArrayList<>();
    for (Feature f : features) {
      parts.add(
          switch (f.encoding()) {
            case NUMBER -> f.column();
            case ONE_HOT -> f.column() + " (one-hot, " + f.levels().size() + " values)";
            case CODES -> f.column() + " (codes)";
          });
    }
    return String.join(", ", parts);
  }

  /**
   * Rows {@code [from, to)} of {@code table} as a row-major float32 array of {@code (to - from) x
   * width()}. A missing value, a column of the wrong type or an undeclared level is a user error
   * naming {@code model}, the column and the row.
   */
  public float[] encode(Table table, int from, int to, String model) {
    int rows = to - from;
    float[] out = new float[rows * width];
    int offset = 0;
    for (Feature f : features) {
      Column column = column(table, f, model);
      if (f.encoding() == Encoding.NUMBER) {
        NumericColumn n = (NumericColumn) column;
        for (int r = 0; r < rows; r++) {
          double v = n.get(from + r);
          if (Double.isNaN(v)) {
            throw missing(model, f, from + r);
          }
          out[r * width + offset] = (float) v;
        }
      } else {
        CategoricalColumn c = (CategoricalColumn) column;
        int[] map = levelMap(c, f);
        for (int r = 0; r < rows; r++) {
          int code = c.code(from + r);
          if (code == CategoricalColumn.MISSING) {
            throw missing(model, f, from + r);
          }
          int level = map[code];
          if (level < 0) {
            throw new UserInputException(
                model + ", input " + quote(f.column()) + ", row " + (from + r + 1),
                "level " + quote(c.level(from + r)),
                "one of the declared levels " + f.levels(),
                "add the level to the model's "
                    + (f.encoding() == Encoding.ONE_HOT ? ONE_HOT : CODES)
                    + f.column()
                    + " if the model knows it, or drop the rows");
          }
          if (f.encoding() == Encoding.ONE_HOT) {
            out[r * width + offset + level] = 1f;
          } else {
            out[r * width + offset] = level;
          }
        }
      }
      offset += f.width();
    }
    return out;
  }

  /**
   * The inverse of {@link #encode}: {@code rows} rows of {@link #width()} float32 values as a table
   * of the input columns (numbers widened to double; a one-hot group must hold one 1, codes a
   * declared position). A server uses it to hand a tensor to a {@code Classifier}. A value that
   * decodes to no level is an {@link IllegalArgumentException} naming the row and column.
   */
  public Table decode(float[] rowMajor, int rows) {
    if (rowMajor.length != rows * width) {
      throw new IllegalArgumentException(
          rowMajor.length + " values for " + rows + " rows of " + width);
    }
    Table.Builder b = Table.builder();
    int offset = 0;
    for (Feature f : features) {
      if (f.encoding() == Encoding.NUMBER) {
        double[] v = new double[rows];
        for (int r = 0; r < rows; r++) {
          v[r] = rowMajor[r * width + offset];
        }
        b.numeric(f.column(), v);
      } else {
        String[] v = new String[rows];
        for (int r = 0; r < rows; r++) {
          int level = -1;
          if (f.encoding() == Encoding.CODES) {
            float code = rowMajor[r * width + offset];
            level =
                code == Math.rint(code) && code >= 0 && code < f.levels().size() ? (int) code : -1;
          } else {
            for (int i = 0; i < f.levels().size(); i++) {
              float x = rowMajor[r * width + offset + i];
              if (x == 1f && level == -1) {
                level = i;
              } else if (x != 0f) {
                level = -2;
                break;
              }
            }
          }
          if (level < 0) {
            throw new IllegalArgumentException(
                "row " + (r + 1) + ", input " + quote(f.column()) + ": no level of " + f.levels());
          }
          v[r] = f.levels().get(level);
        }
        b.categorical(f.column(), v);
      }
      offset += f.width();
    }
    return b.build();
  }

  /** Checks that the table has every input column with the declared type, before any call. */
  public void check(Table table, String model) {
    for (Feature f : features) {
      column(table, f, model);
    }
  }

  private static Column column(Table table, Feature f, String model) {
    if (!table.schema().names().contains(f.column())) {
      throw new UserInputException(
          model + " (inputs)",
          "column " + quote(f.column()) + ", which the data lacks",
          "columns the data has: " + table.schema().names(),
          "fix the model's inputs, or the data");
    }
    Column c = table.column(f.column());
    boolean numeric = c instanceof NumericColumn;
    if (numeric != (f.encoding() == Encoding.NUMBER)) {
      throw new UserInputException(
          model + " (inputs)",
          (numeric ? "numeric" : "categorical") + " column " + quote(f.column()),
          numeric
              ? "a categorical column, as its one-hot/codes encoding says"
              : "a numeric column, or a one-hot or codes encoding for it",
          numeric
              ? "remove the encoding of " + quote(f.column())
              : "add one-hot." + f.column() + " or codes." + f.column() + " with its levels");
    }
    return c;
  }

  private static int[] levelMap(CategoricalColumn c, Feature f) {
    int[] map = new int[c.levels().size()];
    for (int i = 0; i < map.length; i++) {
      map[i] = f.levels().indexOf(c.levels().get(i));
    }
    return map;
  }

  private static UserInputException missing(String model, Feature f, int row) {
    return new UserInputException(
        model + ", input " + quote(f.column()) + ", row " + (row + 1),
        "a missing value",
        "a value: a model from outside has no rule for missing values",
        "impute the column before the model, or drop the rows");
  }

  /**
   * The model's output for {@code rows} rows (row-major, {@code rows x classes().size()}) as
   * probabilities: a softmax applied to logits; then every row checked. A value outside [0, 1] or a
   * row not summing to 1 (each by more than {@link #tolerance()}) is a user error naming {@code
   * model} and the row ({@code firstRow} is the data row of the first output row, 0-based). Values
   * within the tolerance outside [0, 1] are clamped into it.
   */
  public double[] probabilities(float[] output, int rows, String model, int firstRow) {
    int k = classes.size();
    if (output.length != rows * k) {
      throw new UserInputException(
          model + " (output)",
          output.length + " values for " + rows + " rows",
          rows + " x " + k + " values, one per class " + classes,
          "check the model's output and the declared classes");
    }
    double[] p = new double[output.length];
    for (int r = 0; r < rows; r++) {
      if (logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
          max = Math.max(max, output[r * k + c]);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
          double e = Math.exp(output[r * k + c] - max);
          p[r * k + c] = e;
          sum += e;
        }
        for (int c = 0; c < k; c++) {
          p[r * k + c] /= sum;
        }
        if (!(max < Double.POSITIVE_INFINITY)) {
          throw notProbabilities(model, firstRow + r, output, r, k, "logits that are not finite");
        }
        continue;
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        double v = output[r * k + c];
        if (!(v >= -tolerance && v <= 1 + tolerance)) {
          throw notProbabilities(model, firstRow + r, output, r, k, "a value outside [0, 1]");
        }
        sum += v;
        p[r * k + c] = Math.min(1, Math.max(0, v));
      }
      if (!(Math.abs(sum - 1) <= tolerance)) {
        throw notProbabilities(
            model, firstRow + r, output, r, k, "values summing to " + (float) sum + ", not 1");
      }
    }
    return p;
  }

  private UserInputException notProbabilities(
      String model, int row, float[] output, int r, int k, String what) {
    List<String> values = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      values.add(classes.get(c) + "=" + output[r * k + c]);
    }
    return new UserInputException(
        model + ", row " + (row + 1),
        what + ": " + String.join(", ", values),
        "probabilities within [0, 1] summing to 1 (within " + NumberText.format(tolerance) + ")",
        logits
            ? "check that the output is the model's logits"
            : "if the output is logits, set scores: logits; else check the output's name");
  }
}
