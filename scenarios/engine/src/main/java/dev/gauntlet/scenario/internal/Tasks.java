package dev.gauntlet.scenario.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.LongAdder;

/**
 * The engine's tasks: on a fixed pool of threads, or at one thread each run at once in the caller's
 * thread as it is submitted. A task may wait for (join) tasks submitted before it, never after: the
 * pool takes tasks in submission order, so whatever a running task waits for has started, and no
 * wait can close a cycle.
 */
final class Tasks implements AutoCloseable {
  private final ExecutorService pool; // null: at once, in the caller's thread
  private final LongAdder poolCpuNanos = new LongAdder();

  Tasks(int threads) {
    this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads);
  }

  <T> Future<T> submit(Callable<T> task) {
    if (pool == null) {
      FutureTask<T> f = new FutureTask<>(task);
      f.run();
      return f;
    }
    if (!Clock.timesCpu()) {
      return pool.submit(task);
    }
    return pool.submit(
        () -> {
          long start = Clock.threadCpuNanos();
          try {
            return task.call();
          } finally {
            poolCpuNanos.add(Clock.threadCpuNanos() - start);
          }
        });
  }

  /** The CPU time the pool's threads spent in tasks (none at one thread: the caller ran them). */
  double poolCpuSeconds() {
    return poolCpuNanos.sum() / 1e9;
  }

  /** The task's result; its exception (a runtime one as it was) if it failed. */
  static <T> T join(Future<T> f) {
    try {
      return f.get();
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
