package dev.gauntlet.spark;

import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.ColumnSpec;
import dev.gauntlet.data.ColumnType;
import dev.gauntlet.data.Csv;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Schema;
import dev.gauntlet.data.Table;
import dev.gauntlet.generators.BatchGeneration;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Generator;
import dev.gauntlet.spi.GeneratorFiles;
import dev.gauntlet.spi.Registry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Generation on Spark with the same rows as {@code gauntlet generate}: the model file's bytes are
 * broadcast, and batch {@code i} of the run is made by the task that holds {@code i}, from {@code
 * seed.derive("batch", i)} through the library's {@link BatchGeneration#formatBatch}, exactly as
 * the local writer makes it. The batches {@code 0..n-1} are split over the partitions in order
 * (partition {@code p} holds a contiguous run of them), so the parts, concatenated in partition
 * order, are the local file's data rows whatever the partition count.
 *
 * <p>CSV text comes from Gauntlet's own writer (Spark's would print {@code 2.0} and {@code
 * 1.0E-4}); Parquet from Spark's writer, with the schema of {@link #sparkSchema}.
 */
public final class SparkGeneration {

  /** The file beside the CSV parts holding the header line (hidden from Spark's readers by _). */
  public static final String HEADER_FILE = "_header.csv";

  private final SparkSession spark;
  private final Generator generator;
  private final Broadcast<byte[]> model;

  private SparkGeneration(SparkSession spark, Generator generator, Broadcast<byte[]> model) {
    this.spark = spark;
    this.generator = generator;
    this.model = model;
  }

  /**
   * Reads a model file (as {@code --save-model} writes it, of a fitted generator or a world) on the
   * driver, so a bad file fails here with its usual message, and broadcasts its bytes.
   *
   * @param source names the file in error messages
   * @throws dev.gauntlet.UserInputException when the file is not a readable model
   */
  public static SparkGeneration of(SparkSession spark, byte[] modelFile, String source) {
    Generator g = load(modelFile, source);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    return new SparkGeneration(spark, g, jsc.broadcast(modelFile.clone()));
  }

  /** The generator read on the driver. */
  public Generator generator() {
    return generator;
  }

  /** The header line of the CSV file, with its LF, as the local file starts. */
  public String header() {
    StringWriter text = new StringWriter();
    try {
      Csv.write(generator.sample(0, Seed.of(0)), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return text.toString();
  }

  /**
   * One element per batch, in batch order: its data rows as CSV text without the last record's LF
   * (Spark's text writer adds it back), over {@code partitions} partitions.
   */
  public Dataset<String> csvBatches(long seed, long rows, int batchSize, int partitions) {
    long batches = batchesOf(rows, batchSize, partitions);
    Broadcast<byte[]> m = model;
    return spark
        .range(0, batches, 1, partitions)
        .mapPartitions(
            (MapPartitionsFunction<Long, String>)
                indices ->
                    perBatch(
                        indices,
                        m,
                        (g, index) -> {
                          String text =
                              BatchGeneration.formatBatch(g, Seed.of(seed), rows, batchSize, index);
                          return List.of(text.substring(0, text.length() - 1)).iterator();
                        }),
            Encoders.STRING());
  }

  /**
   * Writes the data rows as text parts under the folder {@code path} (which must not exist), and
   * the header line to {@link #HEADER_FILE} beside them: {@code cat _header.csv part-*} is the
   * local file.
   */
  public void writeCsv(String path, long seed, long rows, int batchSize, int partitions) {
    csvBatches(seed, rows, batchSize, partitions).write().text(path);
    org.apache.hadoop.fs.Path header = new org.apache.hadoop.fs.Path(path, HEADER_FILE);
    try {
      FileSystem fs = header.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (OutputStream out = fs.create(header, false)) {
        out.write(header().getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + header, e);
    }
  }

  /** The rows as a DataFrame of {@link #sparkSchema}, in batch order over the partitions. */
  public Dataset<Row> rows(long seed, long rows, int batchSize, int partitions) {
    long batches = batchesOf(rows, batchSize, partitions);
    Broadcast<byte[]> m = model;
    StructType schema = sparkSchema(generator.schema());
    return spark
        .range(0, batches, 1, partitions)
        .mapPartitions(
            (MapPartitionsFunction<Long, Row>)
                indices ->
                    perBatch(
                        indices,
                        m,
                        (g, index) ->
                            rowsOf(
                                g.batch(
                                    Seed.of(seed),
                                    index,
                                    BatchGeneration.batchRows(rows, batchSize, index)))),
            Encoders.row(schema));
  }

  /** Writes the rows with Spark's Parquet writer to the folder {@code path}. */
  public void writeParquet(String path, long seed, long rows, int batchSize, int partitions) {
    rows(seed, rows, batchSize, partitions).write().parquet(path);
  }

  /**
   * Spark's schema for Gauntlet's: numeric columns as doubles, categorical ones as strings, dates
   * as dates and date-times as timestamps; all nullable, null where Gauntlet has a missing value.
   */
  public static StructType sparkSchema(Schema schema) {
    List<StructField> fields = new ArrayList<>();
    for (ColumnSpec c : schema.columns()) {
      fields.add(DataTypes.createStructField(c.name(), sparkType(c), true));
    }
    return DataTypes.createStructType(fields);
  }

  private static DataType sparkType(ColumnSpec c) {
    if (c.type() == ColumnType.CATEGORICAL) {
      return DataTypes.StringType;
    }
    if (c.type() == ColumnType.DATETIME && c.dateFormat() != null) {
      return c.dateFormat().time() ? DataTypes.TimestampType : DataTypes.DateType;
    }
    return DataTypes.DoubleType;
  }

  /** The Spark value of one cell: see {@link #sparkSchema}. */
  static Object value(ColumnSpec spec, DataType type, Table table, int column, int row) {
    if (type == DataTypes.StringType) {
      CategoricalColumn c = (CategoricalColumn) table.column(column);
      int code = c.code(row);
      return code == CategoricalColumn.MISSING ? null : c.levels().get(code);
    }
    double v = ((NumericColumn) table.column(column)).get(row);
    if (Double.isNaN(v)) {
      return null;
    }
    if (type == DataTypes.DateType) {
      // the day the CSV shows (DateTimeFormat rounds to whole days in the format's offset)
      return java.sql.Date.valueOf(LocalDate.parse(spec.format(table.column(column), row)));
    }
    if (type == DataTypes.TimestampType) {
      long micros = Math.round(v * 1e6);
      java.sql.Timestamp t = new java.sql.Timestamp(Math.floorDiv(micros, 1000));
      t.setNanos((int) Math.floorMod(micros, 1_000_000L) * 1000);
      return t;
    }
    return v;
  }

  private static Iterator<Row> rowsOf(Table batch) {
    Schema schema = batch.schema();
    int width = schema.size();
    ColumnSpec[] specs = schema.columns().toArray(new ColumnSpec[0]);
    DataType[] types = new DataType[width];
    for (int j = 0; j < width; j++) {
      types[j] = sparkType(specs[j]);
    }
    List<Row> out = new ArrayList<>(batch.rowCount());
    for (int r = 0; r < batch.rowCount(); r++) {
      Object[] cells = new Object[width];
      for (int j = 0; j < width; j++) {
        cells[j] = value(specs[j], types[j], batch, j, r);
      }
      out.add(RowFactory.create(cells));
    }
    return out.iterator();
  }

  private static long batchesOf(long rows, int batchSize, int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions: " + partitions);
    }
    return BatchGeneration.batchCount(rows, batchSize);
  }

  private static Generator load(byte[] modelFile, String source) {
    return GeneratorFiles.read(
        new String(modelFile, StandardCharsets.UTF_8), source, Registry.generators());
  }

  /** What one batch of a partition becomes. */
  private interface BatchItems<T> {
    Iterator<T> of(Generator generator, long index);
  }

  /**
   * The items of each batch index in turn, made as they are consumed (one batch in memory at a
   * time); the model is read once per partition, and not at all for an empty one.
   */
  private static <T> Iterator<T> perBatch(
      Iterator<Long> indices, Broadcast<byte[]> model, BatchItems<T> items) {
    if (!indices.hasNext()) {
      return Collections.emptyIterator();
    }
    Generator generator = load(model.value(), "the broadcast model file");
    return new Iterator<>() {
      private Iterator<T> current = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && indices.hasNext()) {
          current = items.of(generator, indices.next());
        }
        return current.hasNext();
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }
}
