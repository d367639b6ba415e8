package dev.gauntlet.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.UserInputException;
import dev.gauntlet.generators.BatchGeneration;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spark.SparkFidelity.CategoricalFigures;
import dev.gauntlet.spark.SparkFidelity.ColumnFigures;
import dev.gauntlet.spark.SparkFidelity.NumericFigures;
import dev.gauntlet.spi.Generator;
import dev.gauntlet.spi.GeneratorFiles;
import dev.gauntlet.spi.Registry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * The entry point for {@code spark-submit --class dev.gauntlet.spark.SparkMain gauntlet-spark.jar
 * generate|compare ...}: {@code gauntlet generate}'s and {@code compare}'s options, run on the
 * cluster's Spark. Exit 0 on success, 2 for bad input (one message, no stack trace), 3 for an
 * internal error, as the CLI.
 */
@Command(
    name = "gauntlet-spark",
    mixinStandardHelpOptions = true,
    subcommands = {SparkMain.Generate.class, SparkMain.Compare.class},
    description = {
      "Gauntlet on Apache Spark: generate synthetic rows, or compare two tables column by",
      "column, with the same numbers as the local gauntlet command. Submit with",
      "  spark-submit --class dev.gauntlet.spark.SparkMain gauntlet-spark.jar generate ...",
      "The Spark master is spark-submit's (or --master)."
    })
public final class SparkMain {
  static final int OK = 0;
  static final int USER_ERROR = 2;
  static final int INTERNAL_ERROR = 3;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description = "The Spark master, e.g. local[2] (default: spark-submit's).")
  String master;

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, out, err));
  }

  /** Runs a command line and returns its exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new SparkMain());
    cli.setOut(out);
    cli.setErr(err);
    cli.setUsageHelpWidth(100);
    cli.setExitCodeExceptionMapper(e -> INTERNAL_ERROR);
    cli.setParameterExceptionHandler(
        (ex, a) -> {
          err.println("gauntlet-spark: " + ex.getMessage());
          err.println(
              "Run '"
                  + ex.getCommandLine().getCommandSpec().qualifiedName()
                  + " --help' for usage.");
          return USER_ERROR;
        });
    cli.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          if (ex instanceof UserInputException u) {
            err.println(u.getMessage());
            return USER_ERROR;
          }
          err.println("gauntlet-spark: internal error: " + ex);
          ex.printStackTrace(err);
          return INTERNAL_ERROR;
        });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** The session of spark-submit (or of --master); stopped at the end only if made here. */
  SparkSession session() {
    SparkSession.Builder builder = SparkSession.builder().appName("gauntlet-spark");
    if (master != null) {
      builder.master(master);
    }
    return builder.getOrCreate();
  }

  static boolean sessionExists() {
    return SparkSession.getDefaultSession().isDefined()
        || SparkSession.getActiveSession().isDefined();
  }

  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      header = "Generate synthetic rows on Spark: CSV text parts or Parquet.",
      description = {
        "Rows from a saved generator (--model, from gauntlet generate --fit ... --save-model)",
        "or a world spec (--world). Batch i of --batch-size rows is drawn from the stream of",
        "(--seed, i) as locally, in the task that holds it; the batches are split over",
        "--partitions partitions in order. With --format csv the parts under --out hold the",
        "data rows and _header.csv the header: cat _header.csv part-* is the file",
        "gauntlet generate writes for the same model, seed, rows and batch size."
      })
  static final class Generate implements Callable<Integer> {
    @ParentCommand SparkMain main;

    @Option(names = "--model", paramLabel = "FILE", description = "A saved generator.")
    Path model;

    @Option(names = "--world", paramLabel = "FILE.json", description = "A world spec.")
    Path world;

    @Option(names = "--rows", paramLabel = "N", required = true, description = "Rows to write.")
    long rows;

    @Option(
        names = "--seed",
        paramLabel = "SEED",
        defaultValue = "0",
        description = "The seed of sampling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
        names = "--batch-size",
        paramLabel = "N",
        defaultValue = "10000",
        description = "Rows per batch (default: ${DEFAULT-VALUE}, at most 1,000,000).")
    int batchSize;

    @Option(
        names = "--partitions",
        paramLabel = "N",
        description = "Partitions (tasks) the batches are split over (default: one per batch).")
    Integer partitions;

    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        defaultValue = "csv",
        description = "csv (text parts, Gauntlet's CSV) or parquet (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        required = true,
        description = "The folder to write (any path Spark writes: local, HDFS, S3...).")
    String out;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter stdout = spec.commandLine().getOut();
      if ((model == null) == (world == null)) {
        throw new UserInputException(
            "gauntlet-spark generate",
            model == null ? "neither --model nor --world" : "both --model and --world",
            "one of --model FILE or --world FILE.json",
            "fit locally with gauntlet generate --fit DATA.csv --save-model FILE, then --model"
                + " FILE");
      }
      if (!format.equals("csv") && !format.equals("parquet")) {
        throw new UserInputException(
            "--format " + UserInputException.quote(format),
            format,
            "csv or parquet",
            "give --format csv or --format parquet");
      }
      if (rows < 0) {
        throw new UserInputException(
            "--rows " + rows, Long.toString(rows), "a row count of 0 or more", "give --rows 10000");
      }
      BatchGeneration.checkBatchSizeOption(batchSize);
      long batches = BatchGeneration.batchCount(rows, batchSize);
      if (partitions != null && partitions < 1) {
        throw new UserInputException(
            "--partitions " + partitions,
            Integer.toString(partitions),
            "1 or more partitions",
            "leave --partitions out for one per batch");
      }
      int parts =
          partitions != null ? partitions : (int) Math.max(1, Math.min(batches, Integer.MAX_VALUE));
      byte[] bytes = model != null ? read(model) : worldModel(world, seed);
      String source = model != null ? model.toString() : world.toString();
      boolean ownSession = !sessionExists();
      SparkSession spark = main.session();
      try {
        SparkGeneration generation = SparkGeneration.of(spark, bytes, source);
        long start = System.nanoTime();
        if (format.equals("csv")) {
          generation.writeCsv(out, seed, rows, batchSize, parts);
        } else {
          generation.writeParquet(out, seed, rows, batchSize, parts);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        stdout.printf(
            Locale.ROOT,
            "wrote %d rows x %d columns to %s as %s (generator %s, seed %d, %d batches in %d"
                + " partitions, %.1f s, %,.0f rows/s)%n",
            rows,
            generation.generator().schema().size(),
            out,
            format,
            generation.generator().name(),
            seed,
            batches,
            parts,
            seconds,
            rows / Math.max(seconds, 1e-9));
      } finally {
        if (ownSession) {
          spark.stop();
        }
      }
      return OK;
    }
  }

  @Command(
      name = "compare",
      mixinStandardHelpOptions = true,
      header = "Compare two tables column by column on Spark.",
      description = {
        "Per column: missing shares; numeric columns' present counts, means, standard",
        "deviations (ddof 1), KS statistic, KS complement and Wasserstein-1 distance;",
        "categorical columns' total variation distance, TV complement, Jensen-Shannon",
        "distance, chi-square and PSI: the local compare's figures for these (the pair and",
        "model-based figures are not computed here). Parquet columns keep their types;",
        "CSV is read by Spark (header, inferred types, empty = missing)."
      })
  static final class Compare implements Callable<Integer> {
    @ParentCommand SparkMain main;

    @Parameters(index = "0", paramLabel = "REAL", description = "The real (reference) table.")
    String real;

    @Parameters(index = "1", paramLabel = "OTHER", description = "The table to compare with it.")
    String other;

    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        defaultValue = "parquet",
        description = "parquet or csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--json", description = "Print the figures as JSON.")
    boolean json;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter stdout = spec.commandLine().getOut();
      if (!format.equals("csv") && !format.equals("parquet")) {
        throw new UserInputException(
            "--format " + UserInputException.quote(format),
            format,
            "parquet or csv",
            "give --format parquet or --format csv");
      }
      boolean ownSession = !sessionExists();
      SparkSession spark = main.session();
      try {
        SparkFidelity.Figures figures =
            SparkFidelity.compare(table(spark, real), table(spark, other));
        if (json) {
          stdout.println(toJson(figures));
        } else {
          print(stdout, figures);
        }
      } finally {
        if (ownSession) {
          spark.stop();
        }
      }
      return OK;
    }

    private Dataset<Row> table(SparkSession spark, String path) {
      return format.equals("parquet")
          ? spark.read().parquet(path)
          : spark.read().option("header", "true").option("inferSchema", "true").csv(path);
    }
  }

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  static String toJson(SparkFidelity.Figures figures) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("rows_real", figures.rowsReal()).put("rows_other", figures.rowsOther());
    ObjectNode columns = root.putObject("columns");
    for (Map.Entry<String, ColumnFigures> e : figures.columns().entrySet()) {
      ObjectNode c = columns.putObject(e.getKey());
      c.put("missing_share_real", e.getValue().missingShareReal());
      c.put("missing_share_other", e.getValue().missingShareOther());
      c.put("shape_score", e.getValue().shapeScore());
      if (e.getValue() instanceof NumericFigures n) {
        c.put("type", "numeric")
            .put("n_real", n.nReal())
            .put("n_other", n.nOther())
            .put("mean_real", n.meanReal())
            .put("mean_other", n.meanOther())
            .put("std_real", n.stdReal())
            .put("std_other", n.stdOther())
            .put("ks_statistic", n.ksStatistic())
            .put("wasserstein", n.wasserstein());
      } else {
        var f = ((CategoricalFigures) e.getValue()).fidelity();
        c.put("type", "categorical")
            .put("n_real", f.nReal())
            .put("n_other", f.nSynthetic())
            .put("tv_distance", f.tvDistance())
            .put("js_distance", f.jsDistance())
            .put("chi2_statistic", f.chi2().statistic())
            .put("chi2_p_value", f.chi2().pValue())
            .put("psi", f.psi().value());
      }
    }
    return JSON.writeValueAsString(root);
  }

  static void print(PrintWriter out, SparkFidelity.Figures figures) {
    out.printf(Locale.ROOT, "rows: %d real, %d other%n", figures.rowsReal(), figures.rowsOther());
    for (Map.Entry<String, ColumnFigures> e : figures.columns().entrySet()) {
      ColumnFigures f = e.getValue();
      if (f instanceof NumericFigures n) {
        out.printf(
            Locale.ROOT,
            "%-24s numeric      KS %.4f  KS complement %.4f  Wasserstein %.6g  mean %.6g / %.6g"
                + "  missing %.4f / %.4f%n",
            e.getKey(),
            n.ksStatistic(),
            n.shapeScore(),
            n.wasserstein(),
            n.meanReal(),
            n.meanOther(),
            n.missingShareReal(),
            n.missingShareOther());
      } else {
        var c = ((CategoricalFigures) f).fidelity();
        out.printf(
            Locale.ROOT,
            "%-24s categorical  TV %.4f  TV complement %.4f  JS %.4f  PSI %.4f"
                + "  missing %.4f / %.4f%n",
            e.getKey(),
            c.tvDistance(),
            c.shapeScore(),
            c.jsDistance(),
            c.psi().value(),
            f.missingShareReal(),
            f.missingShareOther());
      }
    }
  }

  /** A model file's bytes, checked first by the library's reader (the CLI's messages). */
  static byte[] read(Path file) {
    GeneratorFiles.load(file);
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // it was read a moment ago
    }
  }

  /** A world made from its spec as gauntlet generate --world makes it, as a model file. */
  static byte[] worldModel(Path spec, long seed) throws IOException {
    Generator g =
        Registry.generators()
            .get("world")
            .fit(null, Map.of("spec", spec.toString()), Seed.of(seed).derive("fit"));
    return JSON.writeValueAsBytes(GeneratorFiles.envelope(g));
  }
}
