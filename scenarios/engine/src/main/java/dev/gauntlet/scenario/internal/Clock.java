package dev.gauntlet.scenario.internal;

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
 */
public final class Clock {
  private final Map<String, LongAdder> nanos = new ConcurrentHashMap<>();
  private final ThreadLocal<boolean[]> timing = ThreadLocal.withInitial(() -> new boolean[1]);

  public <T> T time(String what, Supplier<T> work) {
    boolean[] inside = timing.get();
    if (inside[0]) {
      return work.get();
    }
    inside[0] = true;
    long start = System.nanoTime();
    try {
      return work.get();
    } finally {
      nanos.computeIfAbsent(what, k -> new LongAdder()).add(System.nanoTime() - start);
      inside[0] = false;
    }
  }

  /** Seconds by kind of work, sorted by name. */
  public Map<String, Double> seconds() {
    Map<String, Double> out = new TreeMap<>();
    nanos.forEach((k, v) -> out.put(k, v.sum() / 1e9));
    return out;
  }
}
