import com.sun.management.OperatingSystemMXBean;
import dev.gauntlet.scenario.ScenarioRunner;
import dev.gauntlet.scenario.spec.ScenarioSpec;
import dev.gauntlet.scenario.yaml.ScenarioFiles;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Two measurements for bench/scenario.sh (not a test), each written as "name value" lines to a
 * file:
 *
 * <ul>
 *   <li>{@code ceiling OUT}: the machine's own ceiling for two threads, a loop that only computes
 *       (no memory, no locks) run on one thread alone and then on two threads at once, the same
 *       work each: 2 x (time alone) / (time of the two). An idle machine with two independent
 *       cores gives 2; the load of other processes, or two virtual processors that share a core,
 *       give less.
 *   <li>{@code warm SCENARIO WARMUP ROUNDS OUT}: the scenario in this one JVM at 1 and 2 threads in
 *       turn, {@code WARMUP} pairs of rounds first: the engine's speed-up once the code is compiled,
 *       without JVM start and JIT compilation, which in a fresh process at 1 thread run on the
 *       otherwise idle second processor, and at 2 threads compete with the engine's. Between the
 *       rounds it measures the ceiling as above, so both see the same load.
 * </ul>
 */
public class ScenarioThreadsBench {
  // about 0.3 s of one processor: long enough that thread start and timer resolution do not count
  private static final long SPIN = 150_000_000L;
  private static volatile long sink;

  public static void main(String[] args) throws Exception {
    Locale.setDefault(Locale.ROOT);
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[args.length - 1])))) {
      if (args[0].equals("ceiling")) {
        out.printf("ceiling %.4f%n", ceiling());
      } else {
        warm(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), out);
      }
    }
  }

  private static void warm(Path file, int warmup, int rounds, PrintWriter out) throws Exception {
    ScenarioSpec spec = ScenarioFiles.load(file);
    Path folder = file.toAbsolutePath().getParent();
    var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int i = -warmup; i < rounds; i++) {
      for (int threads = 1; threads <= 2; threads++) {
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        ScenarioRunner.withDefaults().withThreads(threads).run(spec, folder);
        double wall = (System.nanoTime() - start) / 1e9;
        double processCpu = (os.getProcessCpuTime() - cpu) / 1e9;
        if (i >= 0) {
          out.printf("wall%d %.4f%ncpu%d %.4f%n", threads, wall, threads, processCpu);
        }
      }
      if (i >= 0) {
        out.printf("ceiling %.4f%n", ceiling());
      }
    }
  }

  /** 2 x (a loop's time on one thread alone) / (the time of two threads running it at once). */
  private static double ceiling() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      pool.submit(() -> spin(SPIN / 10)).get(); // compiled before it is timed
      long start = System.nanoTime();
      pool.submit(() -> spin(SPIN)).get();
      double one = System.nanoTime() - start;
      start = System.nanoTime();
      Future<?> a = pool.submit(() -> spin(SPIN));
      Future<?> b = pool.submit(() -> spin(SPIN));
      a.get();
      b.get();
      return 2 * one / (System.nanoTime() - start);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Xorshift steps: registers only, so two threads share nothing but the processors. */
  private static void spin(long steps) {
    long x = 0x9E3779B97F4A7C15L;
    for (long i = 0; i < steps; i++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      x += i;
    }
    sink = x;
  }
}
