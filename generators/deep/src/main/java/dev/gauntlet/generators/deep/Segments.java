package dev.gauntlet.generators.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The one-hot spans of an encoded row laid out as one block of {@code length} slots (the longest
 * span; shorter spans padded with {@link #PAD}, which softmax maps to exactly 0) by {@code count}
 * spans, so that one softmax or log-softmax over the block's axis 1 covers every span. That is a
 * handful of tensor operations per batch instead of a few per span: each DJL operation costs a JNI
 * call and an autograd node, and with tens of spans those calls, not the arithmetic, made up most
 * of the activation's time.
 *
 * <p>Slots come before spans, (rows, length, count) rather than (rows, count, length): libtorch's
 * softmax over a short last axis (about 10 slots) ran 4 times slower than over axis 1.
 *
 * <p>Padding cannot change a span's softmax: {@code exp(PAD - max)} is exactly 0 in float32, so the
 * sums and the maxima are those of the span alone, and a padded slot gets exactly 0 gradient.
 */
final class Segments {
  /** Added to padded slots: far below any logit, still finite (so 0 times it is 0, not NaN). */
  static final float PAD = -1e30f;

  private final int width;
  private final int count;
  private final int length;

  /** Encoded column of every block slot (0 for padding). */
  private final long[] columns;

  /** 0 for real slots, {@link #PAD} for padding. */
  private final float[] bias;

  /**
   * For each encoded column, where it is in {@code concat(scalars, block)}: the column itself for
   * tanh scalars, {@code width + slot} for one-hot columns.
   */
  private final long[] back;

  private Segments(int width, List<DataTransform.Span> spans) {
    this.width = width;
    int s = 0;
    int l = 0;
    for (DataTransform.Span span : spans) {
      if (!span.tanh()) {
        s++;
        l = Math.max(l, span.length());
      }
    }
    count = s;
    length = l;
    columns = new long[s * l];
    bias = new float[s * l];
    back = new long[width];
    int j = 0;
    for (DataTransform.Span span : spans) {
      for (int i = 0; i < span.length(); i++) {
        back[span.start() + i] = span.start() + i;
      }
      if (span.tanh()) {
        continue;
      }
      for (int i = 0; i < l; i++) {
        int slot = i * s + j;
        if (i < span.length()) {
          columns[slot] = span.start() + i;
          back[span.start() + i] = width + slot;
        } else {
          bias[slot] = PAD;
        }
      }
      j++;
    }
  }

  /** The layout of {@code spans}, which tile {@code width} columns. */
  static Segments of(int width, List<DataTransform.Span> spans) {
    return new Segments(width, spans);
  }

  /** Number of one-hot spans. */
  int count() {
    return count;
  }

  /** Slots per span in the block (the longest span's length). */
  int length() {
    return length;
  }

  /** Width of the block, {@code count * length}. */
  int blockWidth() {
    return count * length;
  }

  /**
   * For every row of row-major {@code data} ({@link #width} columns, one-hot spans exactly one-hot)
   * and every one-hot span, the slot of its one: {@code rows * count} indices, row by row, to pick
   * each span's log-probability of the observed level out of a block.
   */
  long[] hotSlots(float[] data, int rows, List<DataTransform.Span> spans) {
    long[] out = new long[rows * count];
    for (int r = 0; r < rows; r++) {
      int j = 0;
      for (DataTransform.Span s : spans) {
        if (!s.tanh()) {
          out[r * count + j] = DataTransform.argMax(data, r * width + s.start(), s.length());
          j++;
        }
      }
    }
    return out;
  }

  /** Block slot of one-hot encoded column {@code column}. */
  int slotOf(int column) {
    long b = back[column] - width;
    if (b < 0) {
      throw new IllegalArgumentException("column " + column + " is not in a one-hot span");
    }
    return (int) b;
  }

  /**
   * {@code -log(u)} for uniform {@code u} in (0, 1) drawn for the one-hot slots of {@code rows}
   * rows (the same draws, in the same order, as {@link Nn#gumbel} per slot: row by row, span by
   * span, slot by slot), in block layout, 1 in padded slots. {@code -log} of them is standard
   * Gumbel noise, 0 in padded slots: the second logarithm runs vectorised in libtorch.
   */
  float[] exponentials(UniformRandomProvider rng, int rows, List<DataTransform.Span> spans) {
    int b = blockWidth();
    float[] g = new float[rows * b];
    java.util.Arrays.fill(g, 1f);
    for (int r = 0; r < rows; r++) {
      int j = 0;
      for (DataTransform.Span s : spans) {
        if (!s.tanh()) {
          for (int i = 0; i < s.length(); i++) {
            double u = rng.nextDouble();
            while (u == 0) {
              u = rng.nextDouble();
            }
            g[r * b + i * count + j] = (float) -Math.log(u);
          }
          j++;
        }
      }
    }
    return g;
  }

  /** Standard Gumbel noise for {@code rows} rows in flat block layout (0 in padded slots). */
  NDArray gumbel(NDManager m, UniformRandomProvider rng, int rows, List<DataTransform.Span> spans) {
    try (NDArray e = m.create(exponentials(rng, rows, spans), new Shape(rows, blockWidth()))) {
      return e.log().neg();
    }
  }

  /** Constants of one batch size, made once; pass them to {@link #block} and {@link #unblock}. */
  Batch batch(NDManager m, int rows) {
    int b = blockWidth();
    long[] gather = new long[rows * b];
    long[] scatter = new long[rows * width];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(columns, 0, gather, r * b, b);
      System.arraycopy(back, 0, scatter, r * width, width);
    }
    return new Batch(
        m.create(gather, new Shape(rows, b)),
        m.create(bias, new Shape(1, b)),
        m.create(scatter, new Shape(rows, width)),
        new Shape(rows, length, count),
        new Shape(rows, b));
  }

  /**
   * Constants of the slots-first layout, made once for every batch size: see {@link #slotsFirst}.
   */
  SlotsFirst slotsFirst(NDManager m) {
    float[] column = new float[bias.length];
    System.arraycopy(bias, 0, column, 0, bias.length);
    return new SlotsFirst(m.create(columns), m.create(column, new Shape(bias.length, 1)), length);
  }

  /**
   * The block's encoded columns and padding in slots-first layout.
   *
   * @param columns (length * count) encoded column of each slot, slot by slot, span by span
   * @param bias (length * count, 1) 0, or {@link #PAD} for padding
   * @param length slots per span
   */
  record SlotsFirst(NDArray columns, NDArray bias, long length) {}

  /**
   * The one-hot columns of {@code x} (rows, width) as a (length, count * rows) block, padded slots
   * set to {@link #PAD}: entry {@code [i][j * rows + r]} is slot {@code i} of span {@code j} of row
   * {@code r}. A softmax or log-softmax over axis 0 then covers every span with an inner axis of
   * {@code count * rows}, which libtorch vectorises; over axis 1 of the (rows, length, count) block
   * the inner axis is only {@code count}, and the VAE's log-softmax, its gradient and the gathers
   * around it took 1.7 times as long (telco's blocks, batch 500).
   */
  static NDArray slotsFirst(NDArray x, SlotsFirst c) {
    return x.transpose().get(c.columns()).add(c.bias()).reshape(c.length(), -1);
  }

  /**
   * Index and shape constants for one batch size.
   *
   * @param gather (rows, block width) encoded column of each block slot
   * @param bias (1, block width) 0, or {@link #PAD} for padding
   * @param back (rows, width) position of each encoded column in {@code concat(scalars, block)}
   * @param spans (rows, length, count)
   * @param flat (rows, block width)
   */
  record Batch(NDArray gather, NDArray bias, NDArray back, Shape spans, Shape flat) {}

  /** The one-hot columns of {@code x} (rows, width) in flat block layout (rows, block width). */
  static NDArray gather(NDArray x, Batch c) {
    return x.gather(c.gather(), 1);
  }

  /**
   * {@code (g + noise) * scale} (noise and scale skipped when null) for flat block {@code g},
   * padded slots set to {@link #PAD}, as (rows, length, count).
   */
  static NDArray pad(NDArray g, NDArray noise, NDArray scale, Batch c) {
    if (noise != null) {
      g = g.add(noise);
    }
    if (scale != null) {
      g = g.mul(scale);
    }
    return g.add(c.bias()).reshape(c.spans());
  }

  /**
   * Encoded layout again: each tanh column from {@code scalars} (rows, width), each one-hot column
   * from {@code block} (rows, length, count).
   */
  static NDArray unblock(NDArray scalars, NDArray block, Batch c) {
    NDArray both = NDArrays.concat(new NDList(scalars, block.reshape(c.flat())), 1);
    return both.gather(c.back(), 1);
  }
}
