package dev.gauntlet.generators.perturb;

import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Perturbation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A sequence of batches with drift over time, for testing monitors. Batch {@code i} is a bootstrap
 * sample of the source (stream {@code seed.derive("timeline-batch", i)}) perturbed at the pattern's
 * severity for {@code i} (stream {@code seed.derive("timeline-drift", i)}).
 *
 * @param pattern sudden (0 before the change, 1 from it), gradual (a linear ramp from the change to
 *     the last batch), or recurring (alternating periods of 0 and 1 from the change)
 * @param batches the number of batches
 * @param batchSize rows per batch
 * @param changeAt the first drifted batch
 * @param period recurring: batches per period
 */
public record Timeline(Pattern pattern, int batches, int batchSize, int changeAt, int period) {
  /** How severity moves over the batches. */
  public enum Pattern {
    SUDDEN,
    GRADUAL,
    RECURRING
  }

  public Timeline {
    Objects.requireNonNull(pattern, "pattern");
    if (batches < 1 || batchSize < 1 || period < 1) {
      throw new IllegalArgumentException(
          "batches, batch size and period must be positive: "
              + batches
              + ", "
              + batchSize
              + ", "
              + period);
    }
    if (changeAt < 0 || changeAt >= batches) {
      throw new IllegalArgumentException(
          "change batch is not within [0, " + batches + "): " + changeAt);
    }
  }

  /** The severity of batch {@code i}. */
  public double severity(int i) {
    if (i < changeAt) {
      return 0;
    }
    return switch (pattern) {
      case SUDDEN -> 1;
      case GRADUAL ->
          batches - 1 == changeAt ? 1 : (double) (i - changeAt + 1) / (batches - changeAt);
      case RECURRING -> ((i - changeAt) / period) % 2 == 0 ? 1 : 0;
    };
  }

  /** The batches, in order. */
  public List<Table> generate(Table source, Perturbation drift, Seed seed) {
    List<Table> out = new ArrayList<>(batches);
    for (int i = 0; i < batches; i++) {
      var rng = seed.rng("timeline-batch", i);
      int[] rows = new int[batchSize];
      for (int k = 0; k < batchSize; k++) {
        rows[k] = rng.nextInt(source.rowCount());
      }
      out.add(drift.apply(source.take(rows), severity(i), seed.derive("timeline-drift", i)));
    }
    return out;
  }
}
