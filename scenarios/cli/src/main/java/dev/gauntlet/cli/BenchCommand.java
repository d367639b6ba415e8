package dev.gauntlet.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Csv;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import dev.gauntlet.metrics.Frechet;
import dev.gauntlet.metrics.KsTest;
import dev.gauntlet.random.Seed;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gauntlet bench data|ks|frechet|csv}: the Java side of {@code bench/metrics.sh}, which
 * times Gauntlet's metrics against scipy, and its CSV reader against pandas, on the same seeded
 * data. Hidden from {@code --help}: it is a developer tool, not part of the product.
 *
 * <p>Data files are raw little-endian float64 ({@code numpy.fromfile(path, "<f8")}): {@code
 * ks_a.bin}, {@code ks_b.bin} (one sample each) and {@code fid_a.bin}, {@code fid_b.bin} (rows x
 * features, row-major), with their shapes in {@code meta.json}.
 */
@Command(
    name = "bench",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = "Benchmark helpers for bench/metrics.sh (developer tool).",
    subcommands = {
      BenchCommand.Data.class,
      BenchCommand.Ks.class,
      BenchCommand.FrechetBench.class,
      BenchCommand.CsvRead.class
    })
final class BenchCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "Missing a subcommand: data, ks, frechet or csv");
  }

  @Command(
      name = "data",
      mixinStandardHelpOptions = true,
      description = "Write the seeded benchmark data to DIR.")
  static final class Data implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR")
    Path dir;

    @Option(names = "--seed", defaultValue = "20261126")
    long seed;

    @Option(names = "--ks-size", defaultValue = "1000000")
    int ksSize;

    @Option(names = "--rows", defaultValue = "10000")
    int rows;

    @Option(names = "--features", defaultValue = "2048")
    int features;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      Files.createDirectories(dir);
      Seed root = Seed.of(seed);
      write(dir.resolve("ks_a.bin"), gaussians(root.rng("ks", 0), ksSize, 0.0, 1.0));
      write(dir.resolve("ks_b.bin"), gaussians(root.rng("ks", 1), ksSize, 0.002, 1.0));
      write(dir.resolve("fid_a.bin"), features(root, 0, rows, features, 0.0, 1.0));
      write(dir.resolve("fid_b.bin"), features(root, 1, rows, features, 0.05, 1.1));
      ObjectNode meta = Json.MAPPER.createObjectNode();
      meta.put("seed", seed);
      meta.put("ks_size", ksSize);
      meta.put("rows", rows);
      meta.put("features", features);
      meta.put("format", "raw little-endian float64, row-major");
      Files.writeString(dir.resolve("meta.json"), Json.write(meta));
      spec.commandLine().getOut().println("wrote " + dir);
      return GauntletCli.OK;
    }

    private static double[] gaussians(
        UniformRandomProvider rng, int n, double shift, double scale) {
      ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(rng);
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = shift + scale * z.sample();
      }
      return x;
    }

    /**
     * Correlated features: each is its own Gaussian plus half its neighbour's plus 8 shared factors
     * with seeded loadings, then a per-feature scale and offset; {@code shift} and {@code scale}
     * move the second sample away from the first.
     */
    private static double[] features(
        Seed root, int side, int rows, int k, double shift, double scale) {
      int factors = 8;
      UniformRandomProvider shape = root.rng("fid-shape", 0);
      double[] loadings = new double[factors * k];
      double[] offset = new double[k];
      double[] spread = new double[k];
      for (int j = 0; j < k; j++) {
        for (int f = 0; f < factors; f++) {
          loadings[f * k + j] = shape.nextDouble(-0.5, 0.5);
        }
        offset[j] = shape.nextDouble(-1, 1);
        spread[j] = shape.nextDouble(0.5, 2);
      }
      ZigguratSampler.NormalizedGaussian z =
          ZigguratSampler.NormalizedGaussian.of(root.rng("fid", side));
      double[] x = new double[rows * k];
      double[] u = new double[factors];
      for (int r = 0; r < rows; r++) {
        for (int f = 0; f < factors; f++) {
          u[f] = z.sample();
        }
        double previous = z.sample();
        for (int j = 0; j < k; j++) {
          double e = z.sample();
          double v = e + 0.5 * previous;
          for (int f = 0; f < factors; f++) {
            v += u[f] * loadings[f * k + j];
          }
          x[r * k + j] = offset[j] + shift + scale * spread[j] * v;
          previous = e;
        }
      }
      return x;
    }
  }

  /** Options shared by the timed subcommands. */
  abstract static class Timed implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "DIR")
    Path dir;

    @Option(names = "--warmup", defaultValue = "2", description = "Untimed runs first (JIT).")
    int warmup;

    @Option(names = "--runs", defaultValue = "5", description = "Timed runs; the median counts.")
    int runs;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    /** Runs the task {@code warmup + runs} times; returns the seconds of the timed runs. */
    double[] time(Runnable task) {
      double[] seconds = new double[runs];
      for (int i = 0; i < warmup + runs; i++) {
        long t0 = System.nanoTime();
        task.run();
        long t1 = System.nanoTime();
        if (i >= warmup) {
          seconds[i - warmup] = (t1 - t0) / 1e9;
        }
      }
      return seconds;
    }

    ObjectNode report(String task, double[] seconds) {
      ObjectNode out = Json.MAPPER.createObjectNode();
      out.put("task", task);
      out.put("warmup", warmup);
      out.put("runs", runs);
      ArrayNode times = out.putArray("seconds");
      for (double s : seconds) {
        times.add(s);
      }
      out.put("median_seconds", median(seconds));
      return out;
    }
  }

  @Command(
      name = "ks",
      mixinStandardHelpOptions = true,
      description = "Time the two-sample KS test on ks_a.bin vs ks_b.bin.")
  static final class Ks extends Timed {
    @Override
    public Integer call() throws IOException {
      double[] a = read(dir.resolve("ks_a.bin"));
      double[] b = read(dir.resolve("ks_b.bin"));
      KsTest[] result = new KsTest[1];
      double[] seconds = time(() -> result[0] = KsTest.of(a, b));
      ObjectNode out = report("ks", seconds);
      out.put("n_a", a.length);
      out.put("n_b", b.length);
      Json.put(out, "statistic", result[0].statistic());
      Json.put(out, "p_value", result[0].pValue());
      out.put("method", result[0].method());
      spec.commandLine().getOut().println(Json.write(out));
      return GauntletCli.OK;
    }
  }

  @Command(
      name = "frechet",
      mixinStandardHelpOptions = true,
      description = "Time the Frechet distance on fid_a.bin vs fid_b.bin.")
  static final class FrechetBench extends Timed {
    @Override
    public Integer call() throws IOException {
      int features =
          Json.MAPPER.readTree(dir.resolve("meta.json").toFile()).get("features").asInt();
      double[] a = read(dir.resolve("fid_a.bin"));
      double[] b = read(dir.resolve("fid_b.bin"));
      int rowsA = a.length / features;
      int rowsB = b.length / features;
      double[] distance = new double[1];
      double[] seconds = time(() -> distance[0] = Frechet.distance(a, rowsA, b, rowsB, features));
      ObjectNode out = report("frechet", seconds);
      out.put("rows_a", rowsA);
      out.put("rows_b", rowsB);
      out.put("features", features);
      out.put("engine", Frechet.engine(features).name().toLowerCase(java.util.Locale.ROOT));
      String why = Frechet.nativeUnavailableReason();
      if (why != null) {
        out.put("native_unavailable", why);
      }
      Json.put(out, "distance", distance[0]);
      spec.commandLine().getOut().println(Json.write(out));
      return GauntletCli.OK;
    }
  }

  @Command(
      name = "csv",
      mixinStandardHelpOptions = true,
      description = "Time reading mixed_1m.csv into a table (types inferred).")
  static final class CsvRead extends Timed {
    @Override
    public Integer call() throws IOException {
      Path file = dir.resolve("mixed_1m.csv");
      Table[] table = new Table[1];
      double[] seconds = time(() -> table[0] = Csv.read(file));
      ObjectNode out = report("csv", seconds);
      out.put("rows", table[0].rowCount());
      out.put("columns", table[0].columnCount());
      // a figure both readers must agree on: the sum of the numeric cells, column by column
      double sum = 0;
      for (String name : table[0].schema().names()) {
        if (table[0].column(name) instanceof NumericColumn c) {
          for (double v : c.values()) {
            sum += Double.isNaN(v) ? 0 : v;
          }
        }
      }
      Json.put(out, "numeric_sum", sum);
      spec.commandLine().getOut().println(Json.write(out));
      return GauntletCli.OK;
    }
  }

  static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  static void write(Path path, double[] values) throws IOException {
    ByteBuffer buffer =
        ByteBuffer.allocateDirect(values.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asDoubleBuffer().put(values);
    try (FileChannel ch =
        FileChannel.open(
            path,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      while (buffer.hasRemaining()) {
        ch.write(buffer);
      }
    }
  }

  static double[] read(Path path) throws IOException {
    if (!Files.isRegularFile(path)) {
      throw new UserInputException(
          path.toString(),
          "no such file",
          "benchmark data (raw little-endian float64)",
          "run 'gauntlet bench data DIR' first");
    }
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = ch.size();
      ByteBuffer buffer = ByteBuffer.allocateDirect((int) size).order(ByteOrder.LITTLE_ENDIAN);
      while (buffer.hasRemaining() && ch.read(buffer) >= 0) {}
      buffer.flip();
      double[] values = new double[(int) (size / Double.BYTES)];
      buffer.asDoubleBuffer().get(values);
      return values;
    }
  }
}
