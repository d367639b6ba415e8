package dev.gauntlet.generators;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Csv;
import dev.gauntlet.data.CsvSink;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Generator;
import dev.gauntlet.spi.Progress;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Generation in batches, as {@code gauntlet generate} runs it: {@code rows} rows cut into batches
 * of {@code batchSize} (the last one shorter), batch {@code i} drawn from {@code
 * root.derive("batch", i)} alone ({@link Generator#batch}) and formatted by Gauntlet's CSV writer.
 * Whoever makes the batches (threads here, Spark tasks in gauntlet-spark) makes the same text.
 */
public final class BatchGeneration {

  /** The largest batch size: one batch is held in memory whole, as a table and as text. */
  public static final int MAX_BATCH_SIZE = 1_000_000;

  /** A generous guess of the heap one cell of a batch in flight takes (table, text, buffers). */
  static final long BYTES_PER_CELL = 64;

  private BatchGeneration() {}

  /**
   * The user error for a {@code --batch-size} outside 1 to {@link #MAX_BATCH_SIZE}, as the CLI and
   * gauntlet-spark both say it.
   */
  public static void checkBatchSizeOption(int batchSize) {
    if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      throw new UserInputException(
          "--batch-size " + batchSize,
          Integer.toString(batchSize),
          "from 1 to 1000000 rows per batch",
          "leave --batch-size out for 10000");
    }
  }

  /** How many batches {@code rows} rows take. */
  public static long batchCount(long rows, int batchSize) {
    checkSizes(rows, batchSize);
    return (rows + batchSize - 1) / batchSize;
  }

  /** The rows of batch {@code index}: {@code batchSize}, fewer for the last one. */
  public static int batchRows(long rows, int batchSize, long index) {
    long count = batchCount(rows, batchSize);
    if (index < 0 || index >= count) {
      throw new IllegalArgumentException("batch " + index + " of " + count);
    }
    return (int) Math.min(batchSize, rows - index * batchSize);
  }

  /**
   * The data rows of batch {@code index} as CSV text (no header), each record ending with LF: the
   * text this batch adds to the file {@link #writeCsv} writes.
   */
  public static String formatBatch(
      Generator generator, Seed root, long rows, int batchSize, long index) {
    return Csv.formatRows(generator.batch(root, index, batchRows(rows, batchSize, index)));
  }

  /**
   * How many batches may be in flight: 2 × threads, as many as fit in half of {@code maxMemory} at
   * {@link #BYTES_PER_CELL} a cell, and at least 1. The window does not change the output.
   */
  public static int window(int threads, int batchSize, int columns, long maxMemory) {
    long perBatch = (long) batchSize * Math.max(1, columns) * BYTES_PER_CELL;
    long fit = (maxMemory / 2) / perBatch;
    return (int) Math.max(1, Math.min(2L * threads, fit));
  }

  /**
   * Writes {@code rows} rows with a header to {@code out} atomically: {@code threads} workers make
   * and format batches ({@link #formatBatch}), this thread writes them in batch order. At most 2 ×
   * threads batches are in flight, fewer when they would not fit in half the heap ({@link
   * #window}), so memory does not grow with the row count.
   *
   * @param progress told of every batch written
   * @throws dev.gauntlet.UserInputException when {@code out} cannot be written
   */
  public static void writeCsv(
      Generator generator,
      Seed root,
      long rows,
      int batchSize,
      int threads,
      Path out,
      Progress progress)
      throws InterruptedException {
    long batches = batchCount(rows, batchSize);
    if (threads < 1) {
      throw new IllegalArgumentException("threads: " + threads);
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "gauntlet-generate");
              t.setDaemon(true);
              return t;
            });
    ArrayDeque<Future<String>> window = new ArrayDeque<>();
    int maxInFlight =
        window(threads, batchSize, generator.schema().size(), Runtime.getRuntime().maxMemory());
    long start = System.nanoTime();
    try (CsvSink sink = CsvSink.open(out, generator.schema())) {
      long next = 0;
      long written = 0;
      while (next < batches || !window.isEmpty()) {
        while (next < batches && window.size() < maxInFlight) {
          long index = next++;
          window.add(pool.submit(() -> formatBatch(generator, root, rows, batchSize, index)));
        }
        String text;
        try {
          text = window.poll().get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          throw new IllegalStateException(e.getCause());
        }
        sink.writeFormatted(text);
        written += Math.min(batchSize, rows - written);
        double seconds = (System.nanoTime() - start) / 1e9;
        progress.update(
            "generate",
            written,
            rows,
            String.format(Locale.ROOT, "%,.0f rows/s", written / seconds));
      }
      sink.commit();
    } finally {
      pool.shutdownNow();
    }
  }

  private static void checkSizes(long rows, int batchSize) {
    if (rows < 0) {
      throw new IllegalArgumentException("row count is negative: " + rows);
    }
    if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      throw new IllegalArgumentException(
          "batch size " + batchSize + " not in 1.." + MAX_BATCH_SIZE);
    }
  }
}
