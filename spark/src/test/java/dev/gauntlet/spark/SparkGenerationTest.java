package dev.gauntlet.spark;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.ColumnType;
import dev.gauntlet.data.Csv;
import dev.gauntlet.data.CsvOptions;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import dev.gauntlet.generators.BatchGeneration;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Generator;
import dev.gauntlet.spi.GeneratorFiles;
import dev.gauntlet.spi.Progress;
import dev.gauntlet.spi.Registry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spark's generation against the local one (the library call {@code gauntlet generate} makes) on
 * telco's gaussian copula, fitted here to the shipped table and saved as a model file.
 */
class SparkGenerationTest {
  static final Path DATA = Path.of("..", "examples", "data");

  /** 21 batches, the last one short, so every partition count splits them unevenly. */
  static final long ROWS = 20_500;

  static final int BATCH = 1_000;
  static final long SEED = 42;

  @TempDir static Path dir;
  static byte[] model;
  static Generator local;
  static String localFile;

  @BeforeAll
  static void fitAndGenerateLocally() throws Exception {
    Table telco = Csv.read(DATA.resolve("telco_churn.csv"));
    Generator fitted =
        Registry.generators()
            .get("gaussian-copula")
            .fit(telco, Map.of(), Seed.of(SEED).derive("fit"));
    Path modelFile = dir.resolve("telco-copula.json");
    GeneratorFiles.save(fitted, modelFile);
    model = Files.readAllBytes(modelFile);
    // as gauntlet generate --model: the saved file read back
    local = GeneratorFiles.load(modelFile);
    Path out = dir.resolve("local.csv");
    BatchGeneration.writeCsv(local, Seed.of(SEED), ROWS, BATCH, 2, out, Progress.NONE);
    localFile = Files.readString(out, StandardCharsets.UTF_8);
  }

  static SparkSession spark() {
    return SharedSpark.session();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 7})
  void csvPartsAreTheLocalFilesDataRowsByteForByte(int partitions) throws Exception {
    SparkGeneration generation = SparkGeneration.of(spark(), model, "telco-copula.json");
    Path out = dir.resolve("csv-" + partitions);
    generation.writeCsv(out.toString(), SEED, ROWS, BATCH, partitions);

    List<Path> parts = parts(out, ".txt");
    assertThat(parts).hasSize(partitions);
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (Path p : parts) {
      joined.write(Files.readAllBytes(p));
    }
    String header = generation.header();
    assertThat(localFile).startsWith(header);
    assertThat(joined.toString(StandardCharsets.UTF_8))
        .isEqualTo(localFile.substring(header.length()));
    assertThat(Files.readString(out.resolve(SparkGeneration.HEADER_FILE))).isEqualTo(header);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 7})
  void parquetReadBackIsTheRowsValueForValue(int partitions) throws Exception {
    SparkGeneration generation = SparkGeneration.of(spark(), model, "telco-copula.json");
    Path out = dir.resolve("parquet-" + partitions);
    generation.writeParquet(out.toString(), SEED, ROWS, BATCH, partitions);

    // in part order, and in file order within a part: a scan may order its files by size
    Dataset<Row> read =
        spark()
            .read()
            .parquet(out.toString())
            .select(col("*"), col("_metadata.file_name"), col("_metadata.row_index"))
            .orderBy("file_name", "row_index");
    List<Row> actual = read.drop("file_name", "row_index").collectAsList();
    Table rows = localRows();
    assertThat(read.select("file_name").distinct().count()).isEqualTo(partitions);
    assertThat(spark().read().parquet(out.toString()).schema())
        .isEqualTo(SparkGeneration.sparkSchema(rows.schema()));
    assertThat(actual).hasSize(rows.rowCount());
    assertThat(actual).isEqualTo(Frames.rows(rows));
  }

  @Test
  void aBadModelFileFailsOnTheDriverWithTheUsualMessage() {
    byte[] notAModel = "churn,tenure\nNo,1\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> SparkGeneration.of(spark(), notAModel, "data.csv"))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("data.csv")
        .hasMessageContaining("give the model file, not the data");
  }

  @Test
  void datesAndDateTimesBecomeSparkDatesAndTimestamps() throws Exception {
    StringBuilder csv = new StringBuilder("day,at,x\n");
    for (int i = 0; i < 60; i++) {
      csv.append(
          String.format(
              java.util.Locale.ROOT,
              "2024-%02d-%02d,2024-03-%02dT%02d:%02d:00,%d.5%n",
              1 + i % 12,
              1 + i % 28,
              1 + i % 28,
              i % 24,
              (7 * i) % 60,
              i));
    }
    Table sample =
        Csv.read(new java.io.StringReader(csv.toString()), "dates.csv", CsvOptions.defaults());
    assertThat(sample.schema().get(0).type()).isEqualTo(ColumnType.DATETIME);
    assertThat(sample.schema().get(1).type()).isEqualTo(ColumnType.DATETIME);
    Generator g = Registry.generators().get("independent").fit(sample, Map.of(), Seed.of(1));
    byte[] bytes = GeneratorFiles.envelope(g).toString().getBytes(StandardCharsets.UTF_8);

    Dataset<Row> rows = SparkGeneration.of(spark(), bytes, "dates").rows(SEED, 50, 20, 2);
    assertThat(rows.schema().fields()[0].dataType()).isEqualTo(DataTypes.DateType);
    assertThat(rows.schema().fields()[1].dataType()).isEqualTo(DataTypes.TimestampType);
    List<Row> actual = rows.collectAsList();
    List<Table> batches = new ArrayList<>();
    for (long i = 0; i < 3; i++) {
      batches.add(g.batch(Seed.of(SEED), i, BatchGeneration.batchRows(50, 20, i)));
    }
    Table local = Table.concat(batches);
    assertThat(actual).hasSize(50);
    for (int r = 0; r < 50; r++) {
      // the day the CSV shows, and the instant of the value to the microsecond
      assertThat(((java.sql.Date) actual.get(r).get(0)).toLocalDate())
          .isEqualTo(LocalDate.parse(local.schema().get(0).format(local.column(0), r)));
      double seconds = ((NumericColumn) local.column(1)).get(r);
      long micros = Math.round(seconds * 1e6);
      assertThat(((java.sql.Timestamp) actual.get(r).get(1)).toInstant())
          .isEqualTo(Instant.EPOCH.plus(micros, ChronoUnit.MICROS));
      assertThat(actual.get(r).getDouble(2)).isEqualTo(((NumericColumn) local.column(2)).get(r));
    }
  }

  /** The rows the local run drew: its batches, concatenated. */
  static Table localRows() {
    List<Table> batches = new ArrayList<>();
    for (long i = 0; i < BatchGeneration.batchCount(ROWS, BATCH); i++) {
      batches.add(local.batch(Seed.of(SEED), i, BatchGeneration.batchRows(ROWS, BATCH, i)));
    }
    return Table.concat(batches);
  }

  static List<Path> parts(Path folder, String suffix) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(p -> p.getFileName().toString().startsWith("part-"))
          .filter(p -> p.getFileName().toString().endsWith(suffix))
          .sorted()
          .toList();
    }
  }
}
