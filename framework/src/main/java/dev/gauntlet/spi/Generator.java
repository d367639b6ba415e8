package dev.gauntlet.spi;

import dev.gauntlet.data.Schema;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import java.util.ArrayList;
import java.util.List;

/**
 * A source of synthetic rows: fitted on a table, or built from a spec. Generation is a sequence of
 * fixed-size batches, batch {@code i} drawn from {@code seed.derive("batch", i)} alone, so the rows
 * do not depend on how many threads (or machines) produce the batches.
 */
public interface Generator {

  /** Rows per batch unless a caller chooses otherwise. */
  int DEFAULT_BATCH_SIZE = 10_000;

  /** The registered name of the provider that made this generator. */
  String name();

  /** The schema of every generated table. */
  Schema schema();

  /** Draws {@code rows} rows from the given stream. Must be safe to call from many threads. */
  Table sample(int rows, Seed stream);

  /** Batch {@code index} of a run of batches of {@code batchSize} rows under {@code root}. */
  default Table batch(Seed root, long index, int rows) {
    return sample(rows, root.derive("batch", index));
  }

  /** {@code n} rows as consecutive batches of {@link #DEFAULT_BATCH_SIZE}, concatenated. */
  default Table sample(Seed root, int n) {
    if (n < 0) {
      throw new IllegalArgumentException("row count is negative: " + n);
    }
    List<Table> batches = new ArrayList<>();
    for (long i = 0, done = 0; done < n; i++) {
      int rows = (int) Math.min(DEFAULT_BATCH_SIZE, n - done);
      batches.add(batch(root, i, rows));
      done += rows;
    }
    return batches.isEmpty() ? sample(0, root.derive("batch", 0)) : Table.concat(batches);
  }

  /**
   * The state needed to rebuild this generator with {@link GeneratorProvider#restore}, as a JSON
   * tree. {@code GeneratorFiles} wraps it in the one file format every generator shares.
   */
  com.fasterxml.jackson.databind.JsonNode state();
}
