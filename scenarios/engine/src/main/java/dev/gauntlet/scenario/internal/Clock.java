package dev.gauntlet.scenario.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Time spent in each kind of work, summed over threads: what the engine calls (perturbations, model
 * fits and calls, attacks, generators, metrics, bootstraps), so that the engine's own overhead is
 * the wall time minus these. Work timed inside other timed work counts once, for the outer kind, so
 * the sum never exceeds the threads' time.
 *
 * <p>With the system property {@value #CPU_PROPERTY} set to true, each piece is also timed in the
 * thread's CPU time, which a loaded machine does not inflate the way it inflates wall time (a
 * thread waiting for a processor is charged no CPU time), so the CPU share of the overhead can be
 * read on a shared machine. Off by default: reading a thread's CPU time is a system call, and on a
 * loaded machine the calls themselves add wall time between the timed pieces (measured: the wall
 * overhead of bench/scenario.yaml went from about 3 % to 7-10 % at a load average of 25). The JVM's
 * own threads (JIT compiler, garbage collector) are in neither.
 */
public final class Clock {
  /** The system property that turns CPU timings on. */
  public static final String CPU_PROPERTY = "gauntlet.timings.cpu";

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final boolean CPU =
      Boolean.getBoolean(CPU_PROPERTY) && THREADS.isCurrentThreadCpuTimeSupported();
  private final Map<String, LongAdder> nanos = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> cpuNanos = new ConcurrentHashMap<>();
  private final ThreadLocal<boolean[]> timing = ThreadLocal.withInitial(() -> new boolean[1]);

  public <T> T time(String what, Supplier<T> work) {
    boolean[] inside = timing.get();
    if (inside[0]) {
      return work.get();
    }
    inside[0] = true;
    long cpu = threadCpuNanos();
    long start = System.nanoTime();
    try {
      return work.get();
    } finally {
      nanos.computeIfAbsent(what, k -> new LongAdder()).add(System.nanoTime() - start);
      if (CPU) {
        cpuNanos.computeIfAbsent(what, k -> new LongAdder()).add(threadCpuNanos() - cpu);
      }
      inside[0] = false;
    }
  }

  /** Seconds by kind of work, sorted by name. */
  public Map<String, Double> seconds() {
    return seconds(nanos);
  }

  /** CPU seconds by kind of work, sorted by name. */
  public Map<String, Double> cpuSeconds() {
    return seconds(cpuNanos);
  }

  /** Whether CPU times are taken (see {@link #CPU_PROPERTY}). */
  static boolean timesCpu() {
    return CPU;
  }

  /** The calling thread's CPU time in nanoseconds, or 0 when CPU times are not taken. */
  static long threadCpuNanos() {
    return CPU ? THREADS.getCurrentThreadCpuTime() : 0;
  }

  private static Map<String, Double> seconds(Map<String, LongAdder> nanos) {
    Map<String, Double> out = new TreeMap<>();
    nanos.forEach((k, v) -> out.put(k, v.sum() / 1e9));
    return out;
  }
}
