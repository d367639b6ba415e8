package dev.gauntlet.evaluation;

/** Sets of row indices as bitsets of 64-bit words, for counting intersections quickly. */
final class RowBits {
  private RowBits() {}

  static long[] empty(int rows) {
    return new long[(rows + 63) >>> 6];
  }

  static void set(long[] bits, int row) {
    bits[row >>> 6] |= 1L << row;
  }

  static int count(long[] a) {
    int n = 0;
    for (long w : a) {
      n += Long.bitCount(w);
    }
    return n;
  }

  static int countAnd(long[] a, long[] b) {
    int n = 0;
    for (int i = 0; i < a.length; i++) {
      n += Long.bitCount(a[i] & b[i]);
    }
    return n;
  }

  static int countAnd(long[] a, long[] b, long[] c) {
    int n = 0;
    for (int i = 0; i < a.length; i++) {
      n += Long.bitCount(a[i] & b[i] & c[i]);
    }
    return n;
  }

  static long[] and(long[] a, long[] b) {
    long[] out = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] & b[i];
    }
    return out;
  }

  /** The rows in the set, ascending. */
  static int[] rows(long[] bits) {
    int[] out = new int[count(bits)];
    int n = 0;
    for (int w = 0; w < bits.length; w++) {
      long word = bits[w];
      while (word != 0) {
        out[n++] = (w << 6) + Long.numberOfTrailingZeros(word);
        word &= word - 1;
      }
    }
    return out;
  }
}
