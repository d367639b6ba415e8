package dev.gauntlet.data;

import dev.gauntlet.UserInputException;
import dev.gauntlet.random.Seed;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.IntPredicate;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;

/**
 * An immutable, columnar table: a {@link Schema} and one {@link Column} per spec, all of one
 * length. Operations return new tables; columns that do not change are shared, not copied.
 */
public final class Table {
  private final Schema schema;
  private final List<Column> columns;
  private final int rowCount;

  private Table(Schema schema, List<Column> columns) {
    this.schema = Objects.requireNonNull(schema, "schema");
    this.columns = List.copyOf(columns);
    if (schema.size() != this.columns.size()) {
      throw new IllegalArgumentException(
          "schema has " + schema.size() + " columns but " + this.columns.size() + " were given");
    }
    int rows = this.columns.isEmpty() ? 0 : this.columns.get(0).size();
    for (int i = 0; i < this.columns.size(); i++) {
      Column c = this.columns.get(i);
      ColumnSpec spec = schema.get(i);
      // a datetime column holds its epoch seconds in a NumericColumn
      if (c.type().isNumeric() != spec.type().isNumeric()) {
        throw new IllegalArgumentException(
            "column \""
                + spec.name()
                + "\" is "
                + spec.type().id()
                + " in the schema but "
                + c.type().id()
                + " in its data");
      }
      if (c.size() != rows) {
        throw new IllegalArgumentException(
            "column \"" + spec.name() + "\" has " + c.size() + " rows, expected " + rows);
      }
    }
    this.rowCount = rows;
  }

  public static Table of(Schema schema, List<? extends Column> columns) {
    return new Table(schema, List.copyOf(columns));
  }

  public static Builder builder() {
    return new Builder();
  }

  public Schema schema() {
    return schema;
  }

  public int rowCount() {
    return rowCount;
  }

  public int columnCount() {
    return columns.size();
  }

  public List<Column> columns() {
    return columns;
  }

  public Column column(int i) {
    return columns.get(i);
  }

  /** The column of a name; an unknown name is a user error listing the known ones. */
  public Column column(String name) {
    return columns.get(schema.require(name));
  }

  public NumericColumn numeric(String name) {
    Column c = column(name);
    if (c instanceof NumericColumn n) {
      return n;
    }
    throw wrongType(name, ColumnType.NUMERIC);
  }

  public CategoricalColumn categorical(String name) {
    Column c = column(name);
    if (c instanceof CategoricalColumn k) {
      return k;
    }
    throw wrongType(name, ColumnType.CATEGORICAL);
  }

  private UserInputException wrongType(String name, ColumnType wanted) {
    ColumnType actual = schema.spec(name).type();
    return new UserInputException(
        "column " + UserInputException.quote(name),
        actual.id() + " column",
        "a " + wanted.id() + " column",
        "choose a " + wanted.id() + " column, or force this column's type when reading the CSV");
  }

  /** The named columns, in the given order. */
  public Table select(List<String> names) {
    List<ColumnSpec> specs = new ArrayList<>(names.size());
    List<Column> cols = new ArrayList<>(names.size());
    for (String name : names) {
      int i = schema.require(name);
      specs.add(schema.get(i));
      cols.add(columns.get(i));
    }
    return new Table(Schema.of(specs), cols);
  }

  public Table select(String... names) {
    return select(List.of(names));
  }

  /** All columns but the named ones. */
  public Table drop(String... names) {
    for (String name : names) {
      schema.require(name);
    }
    List<String> dropped = List.of(names);
    return select(schema.names().stream().filter(n -> !dropped.contains(n)).toList());
  }

  /** This table with one column added at the end, or replaced if the name exists. */
  public Table withColumn(ColumnSpec spec, Column column) {
    List<ColumnSpec> specs = new ArrayList<>(schema.columns());
    List<Column> cols = new ArrayList<>(columns);
    int i = schema.indexOf(spec.name());
    if (i < 0) {
      specs.add(spec);
      cols.add(column);
    } else {
      specs.set(i, spec);
      cols.set(i, column);
    }
    return new Table(Schema.of(specs), cols);
  }

  /** This table with one column's role changed. */
  public Table withRole(String name, ColumnRole role) {
    return new Table(schema.withRole(name, role), columns);
  }

  /** The rows at the given indices, in that order; indices may repeat (bootstrap samples). */
  public Table take(int[] rows) {
    for (int r : rows) {
      if (r < 0 || r >= rowCount) {
        throw new IndexOutOfBoundsException("row " + r + " is not within [0, " + rowCount + ")");
      }
    }
    List<Column> cols = new ArrayList<>(columns.size());
    for (Column c : columns) {
      cols.add(c.take(rows));
    }
    return new Table(schema, cols);
  }

  /** Rows {@code from} (inclusive) to {@code to} (exclusive). */
  public Table slice(int from, int to) {
    Objects.checkFromToIndex(from, to, rowCount);
    List<Column> cols = new ArrayList<>(columns.size());
    for (Column c : columns) {
      cols.add(c.slice(from, to));
    }
    return new Table(schema, cols);
  }

  /** The rows for which {@code keep} is true, given the row index. */
  public Table filter(IntPredicate keep) {
    int[] rows = new int[rowCount];
    int n = 0;
    for (int r = 0; r < rowCount; r++) {
      if (keep.test(r)) {
        rows[n++] = r;
      }
    }
    return take(Arrays.copyOf(rows, n));
  }

  /**
   * The rows of all tables, in order. Schemas must agree on names and types (roles are taken from
   * the first); categorical columns are coded against the union of the level dictionaries, the
   * first table's levels first.
   */
  public static Table concat(List<Table> tables) {
    if (tables.isEmpty()) {
      throw new IllegalArgumentException("nothing to concatenate");
    }
    Table first = tables.get(0);
    Schema schema = first.schema;
    for (Table t : tables) {
      if (!t.schema.names().equals(schema.names())) {
        throw new IllegalArgumentException(
            "cannot concatenate tables with columns "
                + schema.names()
                + " and "
                + t.schema.names());
      }
      for (int i = 0; i < schema.size(); i++) {
        if (t.schema.get(i).type() != schema.get(i).type()) {
          throw new IllegalArgumentException(
              "column \""
                  + schema.get(i).name()
                  + "\" is "
                  + schema.get(i).type().id()
                  + " in one table and "
                  + t.schema.get(i).type().id()
                  + " in another");
        }
      }
    }
    int total = tables.stream().mapToInt(Table::rowCount).sum();
    List<Column> cols = new ArrayList<>(schema.size());
    for (int i = 0; i < schema.size(); i++) {
      if (schema.get(i).type().isNumeric()) {
        double[] out = new double[total];
        int pos = 0;
        for (Table t : tables) {
          NumericColumn c = (NumericColumn) t.columns.get(i);
          c.copyTo(0, out, pos, c.size());
          pos += c.size();
        }
        cols.add(NumericColumn.wrap(out));
      } else {
        LinkedHashSet<String> union = new LinkedHashSet<>();
        for (Table t : tables) {
          union.addAll(((CategoricalColumn) t.columns.get(i)).levels());
        }
        List<String> levels = List.copyOf(union);
        int[] out = new int[total];
        int pos = 0;
        for (Table t : tables) {
          CategoricalColumn c = ((CategoricalColumn) t.columns.get(i)).recode(levels);
          for (int r = 0; r < c.size(); r++) {
            out[pos++] = c.code(r);
          }
        }
        cols.add(CategoricalColumn.wrap(out, levels));
      }
    }
    return new Table(schema, cols);
  }

  public Table concat(Table other) {
    return concat(List.of(this, other));
  }

  /**
   * A seeded random split: {@code round(testFraction * rows)} rows go to the test part. Each part
   * keeps the original row order.
   */
  public Split split(double testFraction, Seed seed) {
    checkFraction(testFraction);
    int[] perm = PermutationSampler.natural(rowCount);
    PermutationSampler.shuffle(seed.rng(), perm);
    int testCount = (int) Math.round(testFraction * rowCount);
    boolean[] inTest = new boolean[rowCount];
    for (int i = 0; i < testCount; i++) {
      inTest[perm[i]] = true;
    }
    return Split.of(this, inTest);
  }

  /**
   * A seeded split that keeps each value of {@code column} (a categorical column, or a numeric one
   * read as classes) in the same proportion in both parts: within every class, {@code
   * round(testFraction * classRows)} rows go to the test part. Missing values form a class.
   */
  public Split stratifiedSplit(String column, double testFraction, Seed seed) {
    checkFraction(testFraction);
    int[] classes = classCodes(column);
    UniformRandomProvider rng = seed.rng();
    boolean[] inTest = new boolean[rowCount];
    for (int[] members : groupRows(classes)) {
      PermutationSampler.shuffle(rng, members);
      int testCount = (int) Math.round(testFraction * members.length);
      for (int i = 0; i < testCount; i++) {
        inTest[members[i]] = true;
      }
    }
    return Split.of(this, inTest);
  }

  /**
   * Each row's class index for a column read as classes: categorical levels by code, numeric values
   * by sorted distinct value; missing is the last class.
   */
  public int[] classCodes(String column) {
    Column c = column(column);
    int[] out = new int[rowCount];
    if (c instanceof CategoricalColumn k) {
      int missingClass = k.levels().size();
      for (int r = 0; r < rowCount; r++) {
        out[r] = k.isMissing(r) ? missingClass : k.code(r);
      }
    } else {
      NumericColumn n = (NumericColumn) c;
      double[] distinct =
          Arrays.stream(n.values()).filter(v -> !Double.isNaN(v)).distinct().sorted().toArray();
      for (int r = 0; r < rowCount; r++) {
        double v = n.get(r);
        out[r] = Double.isNaN(v) ? distinct.length : Arrays.binarySearch(distinct, v);
      }
    }
    return out;
  }

  /** Row indices grouped by class, classes in increasing order, rows ascending within each. */
  static List<int[]> groupRows(int[] classes) {
    int k = Arrays.stream(classes).max().orElse(-1) + 1;
    int[] counts = new int[k];
    for (int c : classes) {
      counts[c]++;
    }
    List<int[]> groups = new ArrayList<>(k);
    int[] fill = new int[k];
    for (int c = 0; c < k; c++) {
      groups.add(new int[counts[c]]);
    }
    for (int r = 0; r < classes.length; r++) {
      groups.get(classes[r])[fill[classes[r]]++] = r;
    }
    groups.removeIf(g -> g.length == 0);
    return groups;
  }

  private static void checkFraction(double f) {
    if (!(f >= 0 && f <= 1)) {
      throw new IllegalArgumentException("test fraction is not within [0, 1]: " + f);
    }
  }

  /**
   * The table as consecutive batches of {@code batchSize} rows (the last may be shorter), each a
   * slice made when the iterator reaches it.
   */
  public Iterable<Table> batches(int batchSize) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batch size is not positive: " + batchSize);
    }
    return () ->
        new Iterator<>() {
          private int next = 0;

          @Override
          public boolean hasNext() {
            return next < rowCount;
          }

          @Override
          public Table next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            int to = Math.min(rowCount, next + batchSize);
            Table batch = slice(next, to);
            next = to;
            return batch;
          }
        };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Table t && t.schema.equals(schema) && t.columns.equals(columns);
  }

  @Override
  public int hashCode() {
    return 31 * schema.hashCode() + columns.hashCode();
  }

  @Override
  public String toString() {
    return "Table[" + rowCount + " rows x " + columns.size() + " columns: " + schema.names() + "]";
  }

  /** Builds a table column by column. */
  public static final class Builder {
    private final List<ColumnSpec> specs = new ArrayList<>();
    private final List<Column> columns = new ArrayList<>();

    private Builder() {}

    public Builder numeric(String name, double... values) {
      return add(ColumnSpec.numeric(name), NumericColumn.of(values));
    }

    public Builder categorical(String name, String... values) {
      return add(ColumnSpec.categorical(name), CategoricalColumn.ofValues(values));
    }

    public Builder add(ColumnSpec spec, Column column) {
      specs.add(spec);
      columns.add(column);
      return this;
    }

    public Builder role(String name, ColumnRole role) {
      for (int i = 0; i < specs.size(); i++) {
        if (specs.get(i).name().equals(name)) {
          specs.set(i, specs.get(i).withRole(role));
          return this;
        }
      }
      throw new IllegalArgumentException("no column \"" + name + "\" yet");
    }

    public Table build() {
      return new Table(Schema.of(specs), columns);
    }
  }
}
