package dev.gauntlet.spark;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rint;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.gauntlet.UserInputException;
import dev.gauntlet.metrics.CategoricalFidelity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import scala.Tuple2;

/**
 * Per-column fidelity and drift figures of two DataFrames with Spark aggregations, exact and equal
 * to the local {@code compare}'s: counts, missing shares, means and standard deviations (ddof 1),
 * for numeric columns the Kolmogorov-Smirnov statistic, SDMetrics' KS complement (values rounded to
 * 14 decimals as locally) and the Wasserstein-1 distance by a distributed sort of the distinct
 * values, and for categorical columns the library's own {@link CategoricalFidelity} (total
 * variation and its complement, chi-square, Jensen-Shannon, PSI) from counts Spark makes.
 *
 * <p>A column is numeric when Spark types it as a number on both sides and categorical when it is
 * text on both; null (and NaN for numbers) is a missing value, as an empty CSV cell is locally.
 */
public final class SparkFidelity {

  private SparkFidelity() {}

  /** One column's figures. */
  public sealed interface ColumnFigures permits NumericFigures, CategoricalFigures {
    /** The share of the real (reference) rows with no value in this column. */
    double missingShareReal();

    /** The share of the other table's rows with no value in this column. */
    double missingShareOther();

    /** SDMetrics' column-shape score: KS complement or TV complement. */
    double shapeScore();
  }

  /**
   * A numeric column's figures; missing values are dropped first, NaN where a side has none (std:
   * fewer than 2).
   *
   * @param ksStatistic the largest distance between the two empirical CDFs
   * @param shapeScore SDMetrics' KSComplement: 1 - the KS statistic of the values rounded to 14
   *     decimals
   * @param wasserstein the Wasserstein-1 distance, in the column's unit
   */
  public record NumericFigures(
      long nReal,
      long nOther,
      double missingShareReal,
      double missingShareOther,
      double meanReal,
      double meanOther,
      double stdReal,
      double stdOther,
      double ksStatistic,
      double shapeScore,
      double wasserstein)
      implements ColumnFigures {}

  /**
   * A categorical column's figures.
   *
   * @param fidelity the library's figures from the category counts, as the local compare's
   */
  public record CategoricalFigures(
      double missingShareReal, double missingShareOther, CategoricalFidelity fidelity)
      implements ColumnFigures {
    @Override
    public double shapeScore() {
      return fidelity.shapeScore();
    }
  }

  /**
   * The figures of every column of {@code real}, in its order.
   *
   * @param rowsReal rows of the real (reference) table
   * @param rowsOther rows of the other (synthetic or current) table
   */
  public record Figures(long rowsReal, long rowsOther, Map<String, ColumnFigures> columns) {
    public Figures {
      columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }
  }

  /**
   * Compares {@code other} with {@code real} column by column.
   *
   * @throws UserInputException when the column names differ, or a column is a number on one side
   *     and text on the other, or of a type other than number or text
   */
  public static Figures compare(Dataset<Row> real, Dataset<Row> other) {
    List<String> names = Arrays.asList(real.columns());
    if (!new java.util.HashSet<>(names).equals(new java.util.HashSet<>(List.of(other.columns())))) {
      throw new UserInputException(
          "the two tables' columns",
          names + " and " + List.of(other.columns()),
          "the same column names on both sides",
          "select the same columns from both tables");
    }
    List<String> numeric = new ArrayList<>();
    List<String> categorical = new ArrayList<>();
    for (String name : names) {
      DataType a = type(real, name);
      DataType b = type(other, name);
      if (a instanceof NumericType && b instanceof NumericType) {
        numeric.add(name);
      } else if (a == DataTypes.StringType && b == DataTypes.StringType) {
        categorical.add(name);
      } else {
        throw new UserInputException(
            "column \"" + name + "\"",
            a.simpleString() + " in the real table and " + b.simpleString() + " in the other",
            "a number on both sides or text on both sides",
            "cast the column to one type (double or string) on both sides");
      }
    }
    Row realSummary = summary(real, numeric, categorical);
    Row otherSummary = summary(other, numeric, categorical);
    long rowsReal = realSummary.getLong(0);
    long rowsOther = otherSummary.getLong(0);
    Map<Integer, double[]> distributions = distributions(real, other, numeric);
    Map<Integer, Tuple2<List<String>, long[][]>> counts = categoryCounts(real, other, categorical);

    Map<String, ColumnFigures> figures = new LinkedHashMap<>();
    for (String name : names) {
      int i = numeric.indexOf(name);
      if (i >= 0) {
        int at = 1 + 3 * i;
        long nReal = realSummary.getLong(at);
        long nOther = otherSummary.getLong(at);
        double[] raw = distributions.getOrDefault(2 * i, new double[] {Double.NaN, Double.NaN});
        double[] rounded = distributions.getOrDefault(2 * i + 1, new double[] {Double.NaN, 0});
        figures.put(
            name,
            new NumericFigures(
                nReal,
                nOther,
                share(rowsReal - nReal, rowsReal),
                share(rowsOther - nOther, rowsOther),
                doubleOrNaN(realSummary, at + 1),
                doubleOrNaN(otherSummary, at + 1),
                doubleOrNaN(realSummary, at + 2),
                doubleOrNaN(otherSummary, at + 2),
                raw[0],
                1 - rounded[0],
                raw[1]));
      } else {
        int j = categorical.indexOf(name);
        int at = 1 + 3 * numeric.size() + j;
        Tuple2<List<String>, long[][]> c =
            counts.getOrDefault(j, new Tuple2<>(List.of(), new long[][] {{}, {}}));
        figures.put(
            name,
            new CategoricalFigures(
                share(rowsReal - realSummary.getLong(at), rowsReal),
                share(rowsOther - otherSummary.getLong(at), rowsOther),
                CategoricalFidelity.ofCounts(c._1(), c._2()[0], c._2()[1])));
      }
    }
    return new Figures(rowsReal, rowsOther, figures);
  }

  private static DataType type(Dataset<Row> table, String name) {
    for (StructField f : table.schema().fields()) {
      if (f.name().equals(name)) {
        return f.dataType();
      }
    }
    throw new IllegalStateException("no column " + name);
  }

  /** A numeric column as a double, null where missing (null or NaN). */
  private static Column present(String name) {
    Column v = col(quoted(name)).cast(DataTypes.DoubleType);
    return when(v.isNull().or(isnan(v)), lit(null).cast(DataTypes.DoubleType)).otherwise(v);
  }

  private static String quoted(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /**
   * One job a side: the row count; for each numeric column its present values, their mean and
   * standard deviation; for each categorical column its present values.
   */
  private static Row summary(Dataset<Row> table, List<String> numeric, List<String> categorical) {
    List<Column> aggregates = new ArrayList<>();
    for (String name : numeric) {
      Column v = present(name);
      aggregates.add(count(v));
      aggregates.add(avg(v));
      aggregates.add(stddev_samp(v));
    }
    for (String name : categorical) {
      aggregates.add(count(col(quoted(name))));
    }
    return table.agg(count(lit(1)), aggregates.toArray(new Column[0])).first();
  }

  /**
   * Per categorical column (by its index among them): the categories present on either side, sorted
   * as {@link CategoricalFidelity#of} sorts them, and each side's count of each.
   */
  private static Map<Integer, Tuple2<List<String>, long[][]>> categoryCounts(
      Dataset<Row> real, Dataset<Row> other, List<String> categorical) {
    if (categorical.isEmpty()) {
      return Map.of();
    }
    Dataset<Row> cells =
        cells(real, 0, categorical, false).union(cells(other, 1, categorical, false));
    List<Row> grouped = cells.groupBy("key", "v", "side").count().collectAsList();
    Map<Integer, TreeMap<String, long[]>> byColumn = new HashMap<>();
    for (Row r : grouped) {
      byColumn.computeIfAbsent(r.getInt(0), k -> new TreeMap<>())
              .computeIfAbsent(r.getString(1), k -> new long[2])[r.getInt(2)] +=
          r.getLong(3);
    }
    Map<Integer, Tuple2<List<String>, long[][]>> out = new HashMap<>();
    byColumn.forEach(
        (key, levels) -> {
          long[][] c = new long[2][levels.size()];
          int i = 0;
          for (long[] n : levels.values()) {
            c[0][i] = n[0];
            c[1][i] = n[1];
            i++;
          }
          out.put(key, new Tuple2<>(List.copyOf(levels.keySet()), c));
        });
    return out;
  }

  /**
   * The present cells of the given columns as rows (key, v, side): key is the column's index among
   * them, doubled for numbers, with the odd keys holding the values rounded to 14 decimals as
   * SDMetrics' KS complement rounds them ({@code Math.rint(v * 1e14) / 1e14}, the same double
   * arithmetic in Spark).
   */
  private static Dataset<Row> cells(
      Dataset<Row> table, int side, List<String> names, boolean numbers) {
    // one scan of the table: each row becomes its cells, exploded
    List<Column> cells = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (numbers) {
        Column v = present(names.get(i));
        cells.add(struct(lit(2 * i).as("key"), v.as("v")));
        cells.add(struct(lit(2 * i + 1).as("key"), rint(v.multiply(1e14)).divide(1e14).as("v")));
      } else {
        cells.add(struct(lit(i).as("key"), col(quoted(names.get(i))).as("v")));
      }
    }
    return table
        .select(explode(array(cells.toArray(new Column[0]))).as("cell"))
        .select(col("cell.key").as("key"), col("cell.v").as("v"), lit(side).as("side"))
        .where(col("v").isNotNull());
  }

  /** A run of one key's sorted distinct values within one partition. */
  private record Segment(int partition, int key, long a, long b, double first, double last)
      implements java.io.Serializable {}

  /** Where a segment starts: the counts before it, the totals, and the value after its last. */
  private record Start(long a, long b, long totalA, long totalB, double next)
      implements java.io.Serializable {}

  /**
   * Per numeric key: {KS statistic, Wasserstein-1}. The distinct values with each side's count are
   * sorted by (key, value) over the cluster; a first pass sums each partition's counts per key, the
   * driver turns them into each partition's starting counts, and a second pass walks the two
   * empirical CDFs: the statistic is the largest |F_a - F_b| at a value, the distance the sum of
   * |F_a - F_b| times the gap to the next value, as scipy's (and the local) walk does.
   */
  private static Map<Integer, double[]> distributions(
      Dataset<Row> real, Dataset<Row> other, List<String> numeric) {
    if (numeric.isEmpty()) {
      return Map.of();
    }
    Dataset<Row> cells = cells(real, 0, numeric, true).union(cells(other, 1, numeric, true));
    JavaRDD<Row> sorted =
        cells
            .groupBy("key", "v")
            .agg(
                sum(when(col("side").equalTo(0), 1L).otherwise(0L)).as("a"),
                sum(when(col("side").equalTo(1), 1L).otherwise(0L)).as("b"))
            .orderBy("key", "v")
            .javaRDD();
    List<Segment> segments =
        sorted
            .mapPartitionsWithIndex(
                (Function2<Integer, java.util.Iterator<Row>, java.util.Iterator<Segment>>)
                    (partition, rows) -> segments(partition, rows).iterator(),
                true)
            .collect();
    Map<Long, Start> starts = starts(segments);
    Broadcast<Map<Long, Start>> shared =
        org.apache.spark.api.java.JavaSparkContext.fromSparkContext(
                real.sparkSession().sparkContext())
            .broadcast(starts);
    List<double[]> walked =
        sorted
            .mapPartitionsWithIndex(
                (Function2<Integer, java.util.Iterator<Row>, java.util.Iterator<double[]>>)
                    (partition, rows) -> walk(partition, rows, shared.value()).iterator(),
                true)
            .collect();
    shared.destroy();
    Map<Integer, double[]> out = new HashMap<>();
    for (double[] w : walked) {
      int key = (int) w[0];
      double[] total = out.computeIfAbsent(key, k -> new double[] {0, 0});
      total[0] = Math.max(total[0], w[1]); // NaN (a side without values) stays NaN
      total[1] += w[2];
    }
    return out;
  }

  private static List<Segment> segments(int partition, java.util.Iterator<Row> rows) {
    List<Segment> out = new ArrayList<>();
    int key = -1;
    long a = 0;
    long b = 0;
    double first = 0;
    double last = 0;
    while (rows.hasNext()) {
      Row r = rows.next();
      int k = r.getInt(0);
      if (k != key) {
        if (key >= 0) {
          out.add(new Segment(partition, key, a, b, first, last));
        }
        key = k;
        a = 0;
        b = 0;
        first = r.getDouble(1);
      }
      a += r.getLong(2);
      b += r.getLong(3);
      last = r.getDouble(1);
    }
    if (key >= 0) {
      out.add(new Segment(partition, key, a, b, first, last));
    }
    return out;
  }

  /** By (partition << 32 | key): the counts before each segment, the totals, the next value. */
  private static Map<Long, Start> starts(List<Segment> segments) {
    Map<Integer, List<Segment>> byKey = new TreeMap<>();
    for (Segment s : segments) {
      byKey.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(s);
    }
    Map<Long, Start> out = new HashMap<>();
    byKey.forEach(
        (key, list) -> {
          list.sort(java.util.Comparator.comparingInt(Segment::partition));
          long totalA = list.stream().mapToLong(Segment::a).sum();
          long totalB = list.stream().mapToLong(Segment::b).sum();
          long a = 0;
          long b = 0;
          for (int i = 0; i < list.size(); i++) {
            Segment s = list.get(i);
            double next = i + 1 < list.size() ? list.get(i + 1).first() : Double.NaN;
            out.put(id(s.partition(), key), new Start(a, b, totalA, totalB, next));
            a += s.a();
            b += s.b();
          }
        });
    return out;
  }

  private static long id(int partition, int key) {
    return ((long) partition << 32) | key;
  }

  /** Per key in this partition: {key, largest |F_a - F_b|, its part of the area between them}. */
  private static List<double[]> walk(
      int partition, java.util.Iterator<Row> rows, Map<Long, Start> starts) {
    List<double[]> out = new ArrayList<>();
    int key = -1;
    Start start = null;
    long a = 0;
    long b = 0;
    double largest = 0;
    double area = 0;
    Row r = rows.hasNext() ? rows.next() : null;
    while (r != null) {
      Row next = rows.hasNext() ? rows.next() : null;
      int k = r.getInt(0);
      if (k != key) {
        key = k;
        start = starts.get(id(partition, k));
        a = start.a();
        b = start.b();
        largest = 0;
        area = 0;
      }
      double v = r.getDouble(1);
      a += r.getLong(2);
      b += r.getLong(3);
      // the next value of this key: the next row's, or the first of its next partition
      double after = next != null && next.getInt(0) == k ? next.getDouble(1) : start.next();
      if (start.totalA() == 0 || start.totalB() == 0) {
        largest = Double.NaN;
        area = Double.NaN;
      } else {
        double gap = Math.abs((double) a / start.totalA() - (double) b / start.totalB());
        largest = Math.max(largest, gap);
        if (!Double.isNaN(after)) {
          area += gap * (after - v);
        }
      }
      if (next == null || next.getInt(0) != k) {
        out.add(new double[] {key, largest, area});
      }
      r = next;
    }
    return out;
  }

  private static double share(long part, long whole) {
    return whole == 0 ? Double.NaN : (double) part / whole;
  }

  private static double doubleOrNaN(Row row, int i) {
    return row.isNullAt(i) ? Double.NaN : row.getDouble(i);
  }
}
