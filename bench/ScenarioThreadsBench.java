import com.sun.management.OperatingSystemMXBean;
import dev.gauntlet.scenario.ScenarioResult;
import dev.gauntlet.scenario.ScenarioRunner;
import dev.gauntlet.scenario.spec.ScenarioSpec;
import dev.gauntlet.scenario.yaml.ScenarioFiles;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
 *   <li>{@code warm SCENARIO WARMUP ROUNDS OUT}: the scenario in this one JVM at 1 and 2
 *       threads in turn, {@code WARMUP} pairs of rounds first: the engine's speed-up once the code
 *       is compiled, without JVM start and JIT compilation, which in a fresh process at 1 thread
 *       run on the otherwise idle second processor, and at 2 threads compete with the engine's.
 *       Between the rounds it measures the ceiling as above, so both see the same load; in each
 *       round the engine's threads' CPU time, and at 1 thread the share of the wall spent reading
 *       the data before any task; and in 2-thread runs of their own after the timed ones, the share
 *       of the pool threads' lives they spent waiting: what the engine's tasks allow, whatever the
 *       load.
 * </ul>
 */
public class ScenarioThreadsBench {
  // about 0.3 s of one processor: long enough that thread start and timer resolution do not count
  private static final long SPIN = 150_000_000L;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static volatile long sink;

  public static void main(String[] args) throws Exception {
    Locale.setDefault(Locale.ROOT);
    Path results = Path.of(args[args.length - 1]);
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(results))) {
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
        long ownCpu = THREADS.getCurrentThreadCpuTime();
        PoolCpu pool = new PoolCpu();
        long start = System.nanoTime();
        ScenarioResult r = ScenarioRunner.withDefaults().withThreads(threads).run(spec, folder);
        double wall = (System.nanoTime() - start) / 1e9;
        double processCpu = (os.getProcessCpuTime() - cpu) / 1e9;
        // the engine's threads: the caller's (every task at 1 thread) and the pool's
        double engineCpu = (THREADS.getCurrentThreadCpuTime() - ownCpu + pool.stop()) / 1e9;
        if (i >= 0) {
          out.printf("wall%d %.4f%ncpu%d %.4f%n", threads, wall, threads, processCpu);
          out.printf("engine_cpu%d %.4f%n", threads, engineCpu);
          if (threads == 1) {
            // reading the data comes before any task: the serial part of the run
            out.printf("serial %.4f%n", r.timings().get("stages").get("data") / wall);
          }
        }
      }
      if (i >= 0) {
        out.printf("ceiling %.4f%n", ceiling());
      }
    }
    // the share of the pool threads' lives spent waiting (for a task, or for a task's result):
    // how well the tasks keep two threads busy. Runs of their own, after the timed ones: a
    // flight recording makes the JIT recompile code, which slowed the rounds after it.
    for (int i = 0; i < rounds; i++) {
      PoolWatch watch = PoolWatch.start();
      ScenarioRunner.withDefaults().withThreads(2).run(spec, folder);
      out.printf("waiting %.4f%n", watch.stop());
    }
  }

  /**
   * The CPU time of the engine's pool threads (named pool-N-thread-M by the JDK's default factory),
   * read every 5 ms while they live: they end with the run, and after their last task they only
   * wait. Finding them by enumerating this thread group's threads stops no thread.
   */
  private static final class PoolCpu {
    private final Map<Long, Long> cpu = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    PoolCpu() {
      ThreadGroup group = Thread.currentThread().getThreadGroup();
      sampler =
          new Thread(
              () -> {
                Thread[] all = new Thread[256];
                while (running) {
                  int n = group.enumerate(all);
                  for (int k = 0; k < n; k++) {
                    if (all[k].getName().startsWith("pool-")) {
                      long id = all[k].getId();
                      cpu.merge(id, THREADS.getThreadCpuTime(id), Math::max);
                    }
                  }
                  try {
                    Thread.sleep(5);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "bench-pool-cpu");
      sampler.setDaemon(true);
      sampler.start();
    }

    /** Stops reading; the pool threads' summed CPU nanoseconds. */
    long stop() throws InterruptedException {
      running = false;
      sampler.join();
      return cpu.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * Watches the engine's pool threads (named pool-N-thread-M by the JDK's default factory) while a
   * run lasts, with a flight recording of their starts, ends, parks and monitor waits: the time
   * each lived and the time it waited (for a task, or for a task's result). On a loaded machine a
   * thread that could run but waits for a processor counts as living, not waiting, so the waiting
   * share depends on the tasks' graph rather than on the load.
   */
  private static final class PoolWatch {
    private final Recording recording = new Recording();

    static PoolWatch start() {
      PoolWatch w = new PoolWatch();
      for (String e : List.of("jdk.ThreadPark", "jdk.JavaMonitorEnter", "jdk.JavaMonitorWait")) {
        w.recording.enable(e).withThreshold(Duration.ZERO).withoutStackTrace();
      }
      w.recording.enable("jdk.ThreadStart");
      w.recording.enable("jdk.ThreadEnd");
      w.recording.start();
      return w;
    }

    /** Stops watching; the share of the pool threads' summed lives they spent waiting. */
    double stop() throws Exception {
      Thread.sleep(100); // the pool's threads end just after the run: wait for their end events
      recording.stop();
      Path file = Files.createTempFile("pool-watch", ".jfr");
      try {
        recording.dump(file);
        recording.close();
        Map<Long, Instant> born = new HashMap<>();
        Map<Long, Instant> died = new HashMap<>();
        Map<Long, Duration> waited = new HashMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
          String type = e.getEventType().getName();
          RecordedThread t =
              type.equals("jdk.ThreadStart") || type.equals("jdk.ThreadEnd")
                  ? e.getThread("thread")
                  : e.getThread();
          if (t == null || t.getJavaName() == null || !t.getJavaName().startsWith("pool-")) {
            continue;
          }
          long id = t.getJavaThreadId();
          switch (type) {
            case "jdk.ThreadStart" -> born.put(id, e.getStartTime());
            case "jdk.ThreadEnd" -> died.put(id, e.getStartTime());
            default -> waited.merge(id, e.getDuration(), Duration::plus);
          }
        }
        double lived = 0;
        double idle = 0;
        for (var b : born.entrySet()) {
          Instant end = died.getOrDefault(b.getKey(), Instant.now()); // not ended yet: now
          lived += Duration.between(b.getValue(), end).toNanos() / 1e9;
          idle += waited.getOrDefault(b.getKey(), Duration.ZERO).toNanos() / 1e9;
        }
        return lived == 0 ? Double.NaN : idle / lived;
      } finally {
        Files.deleteIfExists(file);
      }
    }
  }

  /** 2 x (a loop's time on one thread alone) / (the time of two threads running it at once). */
  private static double ceiling() throws Exception {
    // named apart from the engine's pool-N-thread-M, which PoolCpu and PoolWatch look for
    ExecutorService pool = Executors.newFixedThreadPool(2, r -> new Thread(r, "bench-ceiling"));
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
      pool.awaitTermination(1, TimeUnit.MINUTES);
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
