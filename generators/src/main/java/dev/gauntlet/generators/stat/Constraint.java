package dev.gauntlet.generators.stat;

import static dev.gauntlet.UserInputException.quote;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.ColumnType;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Schema;
import dev.gauntlet.data.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule every generated row keeps. Written as text (the {@code constraints} parameter, several
 * separated by {@code ;}):
 *
 * <ul>
 *   <li>{@code positive(x)}: x > 0; kept by truncating x's fitted distribution;
 *   <li>{@code range(x, 0, 100)}: 0 ≤ x ≤ 100; kept by truncation;
 *   <li>{@code a < b}, {@code a <= b}: kept by generating b as a + (b - a), the difference fitted
 *       to the sample;
 *   <li>{@code combinations(a, b, ...)}: categorical columns take only combinations of values seen
 *       together in the sample; kept by generating the combination as one column.
 * </ul>
 *
 * A row that still breaks a rule (a range on a column generated as a difference, say) is rejected
 * and drawn again; the generator counts rejections. A missing value breaks no rule.
 */
public sealed interface Constraint {

  /** The columns the rule reads. */
  List<String> columns();

  /** Whether row r of a table keeps the rule. */
  boolean holds(Table t, int r);

  record Range(String column, double lower, double upper, boolean positive) implements Constraint {
    @Override
    public List<String> columns() {
      return List.of(column);
    }

    @Override
    public boolean holds(Table t, int r) {
      double v = ((NumericColumn) t.column(column)).get(r);
      return Double.isNaN(v) || (positive ? v > 0 : v >= lower) && v <= upper;
    }

    @Override
    public String toString() {
      return positive
          ? "positive(" + column + ")"
          : "range(" + column + ", " + lower + ", " + upper + ")";
    }
  }

  record Inequality(String lower, String upper, boolean strict) implements Constraint {
    @Override
    public List<String> columns() {
      return List.of(lower, upper);
    }

    @Override
    public boolean holds(Table t, int r) {
      double a = ((NumericColumn) t.column(lower)).get(r);
      double b = ((NumericColumn) t.column(upper)).get(r);
      return Double.isNaN(a) || Double.isNaN(b) || (strict ? a < b : a <= b);
    }

    @Override
    public String toString() {
      return lower + (strict ? " < " : " <= ") + upper;
    }
  }

  record Combinations(List<String> columns) implements Constraint {
    /** Joins the values of a combination into one level. */
    static final String SEPARATOR = "\u001f";

    public Combinations {
      columns = List.copyOf(columns);
    }

    @Override
    public boolean holds(Table t, int r) {
      return true; // generated as seen combinations, so always kept
    }

    @Override
    public String toString() {
      return "combinations(" + String.join(", ", columns) + ")";
    }
  }

  Pattern CALL = Pattern.compile("\\s*(positive|range|combinations)\\s*\\((.*)\\)\\s*");
  Pattern LESS = Pattern.compile("\\s*([^<>=]+?)\\s*(<=|<)\\s*([^<>=]+?)\\s*");

  /** Parses {@code ;}-separated rules against a schema; problems are user errors. */
  static List<Constraint> parse(String text, Schema schema) {
    List<Constraint> out = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    for (String part : text.split(";")) {
      if (part.isBlank()) {
        continue;
      }
      out.add(parseOne(part.trim(), schema));
    }
    List<String> seen = new ArrayList<>();
    for (Constraint c : out) {
      if (c instanceof Inequality i) {
        if (seen.contains(i.upper())) {
          throw error(
              c.toString(),
              "a second inequality with " + quote(i.upper()) + " above",
              "each column above at most one other",
              "keep one inequality per upper column");
        }
        seen.add(i.upper());
      }
    }
    return out;
  }

  private static Constraint parseOne(String text, Schema schema) {
    Matcher call = CALL.matcher(text);
    if (call.matches()) {
      List<String> args = Arrays.stream(call.group(2).split(",")).map(String::trim).toList();
      switch (call.group(1)) {
        case "positive" -> {
          if (args.size() != 1) {
            throw error(text, args.size() + " arguments", "positive(COLUMN)", "name one column");
          }
          numeric(text, args.get(0), schema);
          return new Range(args.get(0), 0, Double.POSITIVE_INFINITY, true);
        }
        case "range" -> {
          if (args.size() != 3) {
            throw error(
                text,
                args.size() + " arguments",
                "range(COLUMN, LOW, HIGH)",
                "give a column and two numbers");
          }
          numeric(text, args.get(0), schema);
          double lo = number(text, args.get(1));
          double hi = number(text, args.get(2));
          if (!(lo <= hi)) {
            throw error(
                text,
                "a low end " + args.get(1) + " above the high end " + args.get(2),
                "LOW <= HIGH",
                "swap the two numbers");
          }
          return new Range(args.get(0), lo, hi, false);
        }
        default -> {
          if (args.size() < 2) {
            throw error(
                text,
                args.size() + " column",
                "two or more categorical columns",
                "name the columns whose combinations to keep");
          }
          for (String a : args) {
            column(text, a, schema, ColumnType.CATEGORICAL);
          }
          return new Combinations(args);
        }
      }
    }
    Matcher less = LESS.matcher(text);
    if (less.matches()) {
      numeric(text, less.group(1), schema);
      numeric(text, less.group(3), schema);
      if (less.group(1).equals(less.group(3))) {
        throw error(
            text, "a column compared with itself", "two different columns", "name two columns");
      }
      return new Inequality(less.group(1), less.group(3), less.group(2).equals("<"));
    }
    throw error(
        text,
        quote(text),
        "positive(x), range(x, LOW, HIGH), a < b, a <= b or combinations(a, b, ...)",
        "write the constraint in one of these forms; separate several with ;");
  }

  private static void numeric(String text, String name, Schema schema) {
    column(text, name, schema, ColumnType.NUMERIC);
  }

  private static void column(String text, String name, Schema schema, ColumnType type) {
    int i = schema.indexOf(name);
    if (i < 0) {
      throw error(
          text,
          "no column " + quote(name),
          "one of " + schema.names(),
          "use one of the listed names (they are case-sensitive)");
    }
    // a date column is constrained like a numeric one (its values are epoch seconds)
    if (schema.get(i).type().isNumeric() != type.isNumeric()) {
      throw error(
          text,
          quote(name) + " is " + schema.get(i).type().id(),
          "a " + type.id() + " column",
          type == ColumnType.NUMERIC
              ? "constrain numeric columns only, or use combinations(...) for categorical ones"
              : "use range, positive or < on numeric columns");
    }
  }

  private static double number(String text, String s) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw error(text, quote(s), "a number", "write the bound as a number, e.g. 0 or 1.5");
    }
  }

  private static UserInputException error(String text, String found, String expected, String fix) {
    return new UserInputException("constraint " + quote(text), found, expected, fix);
  }

  /** The row indices of a table that keep every rule. */
  static boolean[] check(List<Constraint> rules, Table t) {
    boolean[] ok = new boolean[t.rowCount()];
    Arrays.fill(ok, true);
    for (Constraint c : rules) {
      for (int r = 0; r < ok.length; r++) {
        ok[r] = ok[r] && c.holds(t, r);
      }
    }
    return ok;
  }

  /** The combined level of a row's values in combination columns. */
  static String combine(Table t, List<String> columns, int r) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        b.append(Combinations.SEPARATOR);
      }
      String level = ((CategoricalColumn) t.column(columns.get(i))).level(r);
      if (level == null) {
        return null;
      }
      b.append(level);
    }
    return b.toString();
  }
}
