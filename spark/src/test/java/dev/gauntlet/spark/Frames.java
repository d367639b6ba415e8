package dev.gauntlet.spark;

import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/** Gauntlet tables as Spark rows, for tests (numbers and categories; no dates). */
final class Frames {
  private Frames() {}

  /** Gauntlet's cells as Spark's: doubles, level text, null for a missing value. */
  static List<Row> rows(Table table) {
    int width = table.columnCount();
    List<Row> rows = new ArrayList<>(table.rowCount());
    for (int r = 0; r < table.rowCount(); r++) {
      Object[] cells = new Object[width];
      for (int j = 0; j < width; j++) {
        cells[j] =
            table.column(j) instanceof NumericColumn n
                ? (Double.isNaN(n.get(r)) ? null : (Object) n.get(r))
                : table.column(j).format(r).isEmpty() ? null : table.column(j).format(r);
      }
      rows.add(RowFactory.create(cells));
    }
    return rows;
  }

  /** The table as a DataFrame of {@link SparkGeneration#sparkSchema}, in {@code partitions}. */
  static Dataset<Row> of(SparkSession spark, Table table, int partitions) {
    return spark
        .createDataFrame(rows(table), SparkGeneration.sparkSchema(table.schema()))
        .repartition(partitions);
  }
}
