package dev.gauntlet.generators.stat;

import dev.gauntlet.data.Csv;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Generator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The generators' speed benchmark ({@code bench/generators.sh}), not a test: in one run, cells/s of
 * (a) filling a double[] with Ziggurat Gaussians on one thread, the limit; (b) {@code independent}
 * with 20 normal columns; (c) {@code gaussian-copula} fitted to a 20-column table; each generated
 * into in-memory batches of 10,000 rows on one thread, no I/O. Rounds are interleaved (limit,
 * independent, copula, ...) and each ratio is taken within its round, so a machine that slows down
 * mid-run slows all three; the medians over the rounds are printed. Last, the copula's speed-up on
 * 2 threads over 1.
 *
 * <p>Usage: {@code GeneratorBenchmark [DATA.csv] [rounds]}; DATA.csv (20 columns) defaults to
 * examples/data/telco_churn.csv.
 */
public final class GeneratorBenchmark {
  private static final int BATCH = 10_000;
  private static final double SECONDS_PER_MEASURE = 0.4;

  private GeneratorBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args.length > 0 ? args[0] : "examples/data/telco_churn.csv");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    if (!Files.exists(data)) {
      System.err.println("no such file: " + data + " (run from the project folder, or pass it)");
      System.exit(2);
    }
    Table sample = Csv.read(data);
    Generator copula = new GaussianCopulaProvider().fit(sample, Map.of(), Seed.of(1).derive("fit"));
    List<ColumnModel> normals = new ArrayList<>();
    for (int j = 0; j < 20; j++) {
      normals.add(ColumnModel.Numeric.of("x" + j, new Distribution.Normal(j, 1 + j)));
    }
    Generator independent =
        new StatGenerator(IndependentProvider.NAME, StatGenerator.schemaOf(normals), normals, null);
    int copulaCols = copula.schema().size();

    System.out.printf(
        Locale.ROOT,
        "generator benchmark: %d rounds, batches of %d rows, one thread unless said;"
            + " copula fitted to %s (%d rows x %d columns)%n",
        rounds,
        BATCH,
        data,
        sample.rowCount(),
        copulaCols);
    // warm-up: let the JIT compile every path before anything is timed
    limit(1.0);
    rate(independent, 20, 1.0);
    rate(copula, copulaCols, 1.0);

    double[] lim = new double[rounds];
    double[] ind = new double[rounds];
    double[] cop = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      lim[r] = limit(SECONDS_PER_MEASURE);
      ind[r] = rate(independent, 20, SECONDS_PER_MEASURE);
      cop[r] = rate(copula, copulaCols, SECONDS_PER_MEASURE);
      System.out.printf(
          Locale.ROOT,
          "  round %d: limit %.1f M cells/s, independent %.1f (%.2f), copula %.1f (%.2f)%n",
          r + 1,
          lim[r] / 1e6,
          ind[r] / 1e6,
          ind[r] / lim[r],
          cop[r] / 1e6,
          cop[r] / lim[r]);
    }
    double[] indRatio = new double[rounds];
    double[] copRatio = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      indRatio[r] = ind[r] / lim[r];
      copRatio[r] = cop[r] / lim[r];
    }

    double[] speedUp = new double[rounds];
    double[] limitSpeedUp = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      double one = threaded(copula, copulaCols, 1, 2 * SECONDS_PER_MEASURE);
      double two = threaded(copula, copulaCols, 2, 2 * SECONDS_PER_MEASURE);
      speedUp[r] = two / one;
      limitSpeedUp[r] =
          threaded(null, 20, 2, SECONDS_PER_MEASURE) / threaded(null, 20, 1, SECONDS_PER_MEASURE);
    }

    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "limit (Ziggurat fill, 1 thread)      %8.1f M cells/s (median)%n",
        median(lim) / 1e6);
    System.out.printf(
        Locale.ROOT,
        "independent, 20 normal columns       %8.1f M cells/s  ratio %.2f  (target >= 0.5: %s)%n",
        median(ind) / 1e6,
        median(indRatio),
        median(indRatio) >= 0.5 ? "met" : "NOT met");
    System.out.printf(
        Locale.ROOT,
        "gaussian-copula, %d fitted columns   %8.1f M cells/s  ratio %.2f  (target >= 0.15: %s)%n",
        copulaCols,
        median(cop) / 1e6,
        median(copRatio),
        median(copRatio) >= 0.15 ? "met" : "NOT met");
    System.out.printf(
        Locale.ROOT,
        "gaussian-copula speed-up, 2 threads  %8.2f x (median of %d; target >= 1.8: %s)%n",
        median(speedUp),
        rounds,
        median(speedUp) >= 1.8 ? "met" : "NOT met");
    System.out.printf(
        Locale.ROOT,
        "  control: the Ziggurat fill itself    %8.2f x on 2 threads (what this machine gives now)%n",
        median(limitSpeedUp));
    System.out.printf(
        "  (%d cores seen; the speed-up means something only on an otherwise idle machine:"
            + " another busy process takes a core from the second thread)%n",
        Runtime.getRuntime().availableProcessors());
  }

  /** Cells/s of filling a batch-sized double[] with Ziggurat Gaussians. */
  static double limit(double seconds) {
    double[] cells = new double[BATCH * 20];
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    long filled = 0;
    double sink = 0;
    for (long i = 0; System.nanoTime() < end; i++) {
      UniformRandomProvider rng = Seed.of(3).rng("batch", i);
      ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
      for (int c = 0; c < cells.length; c++) {
        cells[c] = g.sample();
      }
      sink += cells[(int) (i % cells.length)];
      filled += cells.length;
    }
    blackhole(sink);
    return filled / ((System.nanoTime() - start) / 1e9);
  }

  /** Cells/s of one generator making batches on this thread. */
  static double rate(Generator g, int columns, double seconds) {
    Seed root = Seed.of(3);
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    long cells = 0;
    int sink = 0;
    for (long i = 0; System.nanoTime() < end; i++) {
      Table t = g.batch(root, i, BATCH);
      sink += t.rowCount();
      cells += (long) BATCH * columns;
    }
    blackhole(sink);
    return cells / ((System.nanoTime() - start) / 1e9);
  }

  /**
   * Cells/s of {@code threads} threads making batches for about {@code seconds}; a null generator
   * fills arrays with Ziggurat Gaussians instead (the control).
   */
  static double threaded(Generator g, int columns, int threads, double seconds) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long start = System.nanoTime();
      List<Future<Long>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int lane = t;
        parts.add(
            pool.submit(
                () -> {
                  long end = start + (long) (seconds * 1e9);
                  long made = 0;
                  double[] cells = new double[BATCH * columns];
                  for (long i = lane; System.nanoTime() < end; i += threads) {
                    if (g == null) {
                      var z = ZigguratSampler.NormalizedGaussian.of(Seed.of(3).rng("batch", i));
                      for (int c = 0; c < cells.length; c++) {
                        cells[c] = z.sample();
                      }
                      made += BATCH;
                    } else {
                      made += g.batch(Seed.of(3), i, BATCH).rowCount();
                    }
                  }
                  return made;
                }));
      }
      long rows = 0;
      for (Future<Long> f : parts) {
        rows += f.get();
      }
      return rows * (double) columns / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
  }

  private static void blackhole(double v) {
    if (v == 42.4242) {
      System.out.print("");
    }
  }
}
