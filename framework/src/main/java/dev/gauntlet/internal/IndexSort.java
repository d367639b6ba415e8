package dev.gauntlet.internal;

/** Sorts row indices by a key held in a primitive array, stably, without boxing. */
public final class IndexSort {
  private IndexSort() {}

  /**
   * Sorts {@code index} so that {@code keys[offset + index[i]]} ascends; equal keys keep their
   * order. A bottom-up merge sort.
   *
   * @param temp scratch space at least as long as {@code index}
   */
  public static void byValue(int[] index, double[] keys, int offset, int[] temp) {
    int n = index.length;
    int[] from = index;
    int[] to = temp;
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(lo + width, n);
        int hi = Math.min(lo + 2 * width, n);
        int a = lo;
        int b = mid;
        int out = lo;
        while (a < mid && b < hi) {
          // Take from the right run only when strictly smaller: that keeps the sort stable.
          if (Double.compare(keys[offset + from[b]], keys[offset + from[a]]) < 0) {
            to[out++] = from[b++];
          } else {
            to[out++] = from[a++];
          }
        }
        while (a < mid) {
          to[out++] = from[a++];
        }
        while (b < hi) {
          to[out++] = from[b++];
        }
      }
      int[] swap = from;
      from = to;
      to = swap;
    }
    if (from != index) {
      System.arraycopy(from, 0, index, 0, n);
    }
  }
}
