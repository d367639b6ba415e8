package dev.gauntlet.metrics;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/** Small helpers on samples of doubles shared by the metrics. */
final class Samples {
  private Samples() {}

  /** The non-NaN values, in order. */
  static double[] present(double[] values) {
    int n = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        n++;
      }
    }
    if (n == values.length) {
      return values.clone();
    }
    double[] out = new double[n];
    int i = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        out[i++] = v;
      }
    }
    return out;
  }

  /** A sorted copy. */
  static double[] sorted(double[] values) {
    double[] s = values.clone();
    sortInPlace(s);
    return s;
  }

  /** Sorts ascending, on all cores for large arrays. */
  static void sortInPlace(double[] values) {
    if (values.length > PARALLEL_MIN) {
      Arrays.parallelSort(values);
    } else {
      Arrays.sort(values);
    }
  }

  /**
   * Sorts two arrays ascending, in place; large ones at the same time on two threads. ({@code
   * parallelSort} alone is sequential when the common pool has one worker, as on 2 cores.)
   */
  static void sortBoth(double[] x, double[] y) {
    if (Math.min(x.length, y.length) <= PARALLEL_MIN) {
      sortInPlace(x);
      sortInPlace(y);
      return;
    }
    CompletableFuture<Void> other = CompletableFuture.runAsync(() -> sortInPlace(y));
    sortInPlace(x);
    other.join();
  }

  private static final int PARALLEL_MIN = 1 << 16;

  static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  /** Sample standard deviation (ddof = 1); NaN for fewer than two values. */
  static double std(double[] x) {
    if (x.length < 2) {
      return Double.NaN;
    }
    double m = mean(x);
    double ss = 0;
    for (double v : x) {
      ss += (v - m) * (v - m);
    }
    return Math.sqrt(ss / (x.length - 1));
  }

  /** The number of elements of a sorted array strictly less than {@code v}. */
  static int countBelow(double[] sorted, double v) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The number of elements of a sorted array less than or equal to {@code v}. */
  static int countAtMost(double[] sorted, double v) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
